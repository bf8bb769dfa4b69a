// libFuzzer entry point: EM XML → JSON.
//
// Oracles: no crash, no sanitizer report; a document converted in one piece and in the chunk
// split derived from the input either fails both times or gives the same bytes; every
// successful output is valid JSON (JSONReader parses it).
import FuzzDriver
import EMTranslate
import NIOCore

let rewriter = LinkRewriter(publicBaseURL: "http://gateway.test:8080")
let limits: XMLToJSONConverter.Limits = {
    var limits = XMLToJSONConverter.Limits()
    limits.maxInputBytes = 1 << 20
    return limits
}()

func convert(_ data: UnsafeRawBufferPointer, splits: [Int]) -> [UInt8]? {
    let converter = XMLToJSONConverter(configuration: .init(linkRewriter: rewriter, limits: limits))
    var output: [UInt8] = []
    do {
        var offset = 0
        for size in splits + [data.count] where offset < data.count {
            let end = min(data.count, offset + size)
            let chunk = try converter.feed(bytes: UnsafeRawBufferPointer(rebasing: data[offset..<end]))
            output += chunk.readableBytesView
            offset = end
        }
        output += try converter.finish().readableBytesView
        return output
    } catch {
        return nil
    }
}

/// Chunk sizes from a small PRNG seeded with the input's length and last byte (1…64 bytes each).
func splits(for data: UnsafeRawBufferPointer) -> [Int] {
    var state = UInt64(data.count) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(data.last ?? 0)
    var sizes: [Int] = []
    var total = 0
    while total < data.count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let size = Int(state >> 58) + 1
        sizes.append(size)
        total += size
    }
    return sizes
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes else { return 0 }
    let data = UnsafeRawBufferPointer(start: bytes, count: count)
    let whole = convert(data, splits: [count])
    let chunked = convert(data, splits: splits(for: data))
    precondition((whole == nil) == (chunked == nil), "the chunk split changed whether the document converts")
    if let whole, let chunked {
        precondition(whole == chunked, "the chunk split changed the JSON")
        _ = try! JSONReader.parse(whole, limits: { var l = JSONReader.Limits(); l.maxInputBytes = 64 << 20; l.maxDepth = 1000; return l }())
    }
    return 0
}

@_cdecl("em_fuzz_xml_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv, fuzzXML)
}
