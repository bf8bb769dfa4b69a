#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Unbuffered writes to the standard streams (file descriptors 1 and 2), so that lines scripts
/// wait for (`em-gateway listening on …`) arrive at once.
enum StandardStreams {
    static func writeOut(_ bytes: UnsafeRawBufferPointer) { writeAll(1, bytes) }

    static func printLine(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { writeAll(1, UnsafeRawBufferPointer($0)) }
    }

    static func printError(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    /// Reads up to `buffer.count` bytes from `descriptor`; 0 at end of input.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { return -1 }
        }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
