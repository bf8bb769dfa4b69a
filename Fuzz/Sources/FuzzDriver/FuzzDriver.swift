// SwiftPM links an executable's entry point as `<module>_main` (it aliases `main` to it), so
// libFuzzer's own `main` is not used: each target's `<module>_main` calls `runLibFuzzer`, which
// hands the command line to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer with the process's command line over `callback` (`LLVMFuzzerTestOneInput`).
/// - Parameters:
///   - argc: the argument count `main` received.
///   - argv: the arguments `main` received.
///   - callback: the fuzz target: one input's bytes and length; returns 0.
/// - Returns: libFuzzer's exit status.
public func runLibFuzzer(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
