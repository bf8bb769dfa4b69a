// em-convert-profile FILE: converts EM XML to JSON on standard output, exactly as
// `em-gateway convert FILE` does, but from a synchronous main.
//
// It exists for profiling: valgrind 3.19 (Debian 12) crashes on any Swift program whose main is
// async (em-gateway's command line is an AsyncParsableCommand), so scripts/bench measures
// instructions per byte with this twin. Same converter, same 256 KiB reads, same writes.
import EMTranslate
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Writes a line to standard error (file descriptor 2; Glibc's `stderr` is a mutable C global).
func printError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    printError("usage: em-convert-profile FILE")
    exit(2)
}
let descriptor = open(arguments[1], O_RDONLY)
guard descriptor >= 0 else {
    printError("em-convert-profile: cannot open \(arguments[1])")
    exit(1)
}

func writeOut(_ buffer: ByteBuffer) {
    buffer.withUnsafeReadableBytes { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

let converter = XMLToJSONConverter()
var chunk = [UInt8](repeating: 0, count: 256 * 1024)
do {
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        writeOut(try chunk.withUnsafeBytes { try converter.feed(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<count])) })
    }
    var last = try converter.finish()
    last.writeString("\n")
    writeOut(last)
} catch {
    printError("em-convert-profile: \(error)")
    exit(1)
}
