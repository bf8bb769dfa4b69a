// Placeholder; replaced by the command line.
@main
struct GatewayCLI {
    static func main() { print("em-gateway") }
}
