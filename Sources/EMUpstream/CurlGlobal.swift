internal import CCurl

/// The result of `curl_global_init(CURL_GLOBAL_ALL)`, run once, before any handle exists.
///
/// Swift initialises globals lazily and exactly once, thread-safely, which is what
/// `curl_global_init` asks for. Touch it before creating any libcurl handle.
let curlGlobalInitResult: UInt32 = em_curl_global_init_all().rawValue
