import EMTranslate
import Foundation
import Testing

/// A schema member that appears twice in one element is refused: its JSON key would repeat
/// (found by scripts/fuzz, em-fuzz-xml: duplicate "Links" in a CloudTenant).
@Suite("Duplicate members")
struct DuplicateMemberTests {
    static let ns = #"xmlns="http://www.veeam.com/ent/v1.0""#

    func convert(_ xml: String) throws -> String {
        String(decoding: try XMLToJSONConverter.convert(Array(xml.utf8)), as: UTF8.self)
    }

    @Test(
        "a single element, a wrapped list, or a namespaced attribute twice → schemaMismatch, never a repeated key",
        arguments: [
            #"<CloudTenant \#(ns)><Links/><Links/></CloudTenant>"#,
            #"<CloudTenant \#(ns)><Description>a</Description><Description>b</Description></CloudTenant>"#,
            #"<CloudTenant \#(ns)><Links><Link Href="x"/></Links><Enabled>true</Enabled><Links/></CloudTenant>"#,
            #"<CloudTenant \#(ns) xmlns:a="urn:a" xmlns:b="urn:b" a:Href="http://x" b:Href="http://y"/>"#,
        ])
    func refused(xml: String) throws {
        #expect {
            _ = try convert(xml)
        } throws: { error in
            (error as? TranslateError)?.code == .schemaMismatch && "\(error)".contains("more than once")
        }
    }

    @Test("the same members once each still convert, and parse as JSON")
    func accepted() throws {
        let json = try convert(
            #"<CloudTenant \#(Self.ns) Href="http://x"><Links><Link Href="x"/><Link Href="y"/></Links><Description>a</Description></CloudTenant>"#
        )
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["Links"] as? [Any])?.count == 2)
        #expect(object["Description"] as? String == "a")
    }
}
