@preconcurrency internal import CLibXML2
import Synchronization

/// libxml2 push-parser contexts kept between documents, with the member cache that goes with
/// each one's name dictionary.
///
/// A context costs about 8,000 instructions to create and free, and a fresh one starts with an
/// empty dictionary, so every element and attribute name of a small answer is interned anew and
/// misses the converter's member cache: together about a tenth of converting a 4 KB entity.
/// `xmlCtxtResetPush` keeps the context's dictionary, so names interned for one
/// document keep their pointers for the next, and so do the member-cache entries keyed on them.
///
/// Only contexts that parsed a whole document without error come back, and only while their
/// dictionary stays small (hostile or unusual XML cannot make a pooled context grow without
/// bound). A member cache is reused only with the schema it was filled for.
final class ParserContextPool: Sendable {
    /// A context and what was learnt with it.
    struct Entry: @unchecked Sendable {
        // Safe because an entry is owned by the pool or by exactly one converter at a time.
        let parser: xmlParserCtxtPtr
        var memberCache: [ConversionState.MemberCacheEntry]
        let schema: TranslationSchema
    }

    /// The process's pool.
    static let shared = ParserContextPool(capacity: 64)

    /// Names a pooled context's dictionary may hold; a context past it is freed instead.
    static let maxDictionaryNames = 2048

    private let capacity: Int
    private let entries = Mutex<[Entry]>([])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// A pooled context, reset for a new document and pointing its callbacks at `userData`.
    ///
    /// - Returns: `nil` when the pool is empty (or a reset failed): create a context instead.
    func take(userData: UnsafeMutableRawPointer, options: Int32) -> Entry? {
        guard let entry = entries.withLock({ $0.popLast() }) else { return nil }
        guard xmlCtxtResetPush(entry.parser, nil, 0, nil, nil) == 0 else {
            xmlFreeParserCtxt(entry.parser)
            return nil
        }
        // As xmlCreatePushParserCtxt does without a first chunk: the encoding is still to be
        // detected from the document's first bytes (a byte-order mark, UTF-16). The reset leaves
        // UTF-8 assumed, and a BOM would then be a syntax error.
        entry.parser.pointee.charset = Int32(XML_CHAR_ENCODING_NONE.rawValue)
        entry.parser.pointee.userData = userData
        xmlCtxtUseOptions(entry.parser, options)
        return entry
    }

    /// Keeps `entry` for a later document, or frees its context when the pool is full or the
    /// context's dictionary has grown past ``maxDictionaryNames``. A kept context is reset
    /// first: it holds no input buffer (no bytes of the last answer) while it waits.
    func give(_ entry: Entry) {
        let dictionary = entry.parser.pointee.dict
        if dictionary == nil || xmlDictSize(dictionary) <= Self.maxDictionaryNames {
            xmlCtxtReset(entry.parser)
            let kept = entries.withLock { entries -> Bool in
                guard entries.count < capacity else { return false }
                entries.append(entry)
                return true
            }
            if kept { return }
        }
        xmlFreeParserCtxt(entry.parser)
    }
}
