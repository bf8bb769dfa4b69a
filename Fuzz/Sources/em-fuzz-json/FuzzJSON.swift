// libFuzzer entry point: JSON request bodies → EM's XML.
//
// Input: a root element name (`BackupServerSpec`), a newline, then the JSON body. Unknown names
// fall back to one of a few request types, chosen by the name's length. Oracles: no crash, no
// sanitizer report; every XML the writer produces is well-formed enough for the gateway's own
// XML → JSON converter to read back.
import FuzzDriver
import EMSchema
import EMTranslate

let schema = TranslationSchema.builtIn
let writer = JSONToXMLWriter(schema: schema)
let fallbacks = ["BackupServerSpec", "CreateObjectInJobSpec", "RestoreSpec", "JobCloneSpec", "EnterpriseAccountCreateSpec", "Job"]
    .compactMap { schema.model.rootElements[$0] }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes, !fallbacks.isEmpty else { return 0 }
    let data = UnsafeBufferPointer(start: bytes, count: count)
    let newline = data.firstIndex(of: UInt8(ascii: "\n")) ?? 0
    let name = String(decoding: data[0..<newline], as: UTF8.self)
    let body = data[(newline < count ? newline + 1 : count)...]
    let type = schema.model.rootElements[name] ?? fallbacks[name.utf8.count % fallbacks.count]
    guard let xml = try? writer.write(json: body, type: type) else { return 0 }
    let converter = XMLToJSONConverter(schema: schema)
    do {
        _ = try xml.withUnsafeBytes { try converter.feed(bytes: $0) }
        _ = try converter.finish()
    } catch let error as TranslateError
        where [.malformedXML, .invalidXMLCharacter, .forbiddenDTD, .encoding, .contentAfterRoot].contains(error.code)
    {
        preconditionFailure("the writer produced XML that is not well-formed: \(error)")
    } catch {
        // A limit of the reading side (depth, text length): not a writer fault.
    }
    return 0
}

@_cdecl("em_fuzz_json_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv, fuzzJSON)
}
