#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system's calendar time, for a demo world started without `--start-time`.
enum WallClock {
    /// Whole seconds since 1970 (UTC), from `time(2)`.
    static func secondsSince1970() -> Int64 {
        Int64(time(nil))
    }
}
