import HTTPTypes
import Hummingbird
import NIOCore

extension SimulatorResponder {
    /// How a mount's directory is listed (`?action=`), as `get_vmrestorepoints_id_mountpoints_id_filepath.md`
    /// documents it.
    enum MountListing: String {
        /// Files and directories (the default).
        case listAll
        /// Directories only.
        case listDirs
        /// Files only.
        case listFiles
    }

    /// `GET /{points}/{ID}/mounts/{ID}/{filepath}`: a file or folder of a mounted restore point.
    ///
    /// A directory answers `FileSystemEntries` (`Href` with its action and page, `Up` and the three
    /// listing links, `Files`, `Directories`, `PagingInfo`); a file answers the same document holding
    /// only that file; `?action=download` on a file answers its bytes. `pageSize` (default 100)
    /// and `page` (from 1) page the entries, files first.
    /// - Parameters:
    ///   - route: the route, whose captures are the point and the mount and whose rest is the path.
    ///   - query: the query parameters.
    /// - Returns: the document.
    /// - Throws: `SimulatorError` `.notFound` for an unknown point, mount or path; `.badRequest`
    ///   for an unknown action or a malformed page.
    func mountFileSystem(_ route: Route, _ query: QueryParameters) throws -> Response {
        let ids = try self.resolve(route.captures, parentSegments: ["mounts"])
        guard let mount = self.store.find(route.captures[1].kind, id: ids[1]) else {
            throw SimulatorError(.notFound, "Cannot find mount [\(route.captures[1].id)]")
        }
        let base = mount.path + "/"
        let segments = route.rest.map(GuestFileSystem.decode)
        let action = query["action"]
        if let (directory, file) = GuestFileSystem.file(segments) {
            if action?.lowercased() == "download" {
                var headers = HTTPFields()
                headers[.contentType] = "application/octet-stream"
                headers[.contentDisposition] = "attachment; filename=\"\(file.name)\""
                let body = ByteBuffer(string: "Simulated content of \(directory)/\(file.name)\r\n")
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
            }
            return try self.writeEntries(base, directory + "/" + file.name, files: [(directory, file)], directories: [], query)
        }
        guard let path = GuestFileSystem.directory(segments), let directory = GuestFileSystem.tree[path] else {
            throw SimulatorError(.notFound, "Cannot find path [\(segments.joined(separator: "/"))]")
        }
        var listing = MountListing.listAll
        if let action {
            guard
                let known = [MountListing.listAll, .listDirs, .listFiles].first(where: { $0.rawValue.lowercased() == action.lowercased() })
            else { throw SimulatorError(.badRequest, "Action [\(action)] is not supported for a directory.") }
            listing = known
        }
        let files = listing == .listDirs ? [] : directory.files.map { (path, $0) }
        let directories = listing == .listFiles ? [] : directory.directories.map { path + "/" + $0 }
        return try self.writeEntries(base, path, files: files, directories: directories, query, listing: listing)
    }

    private func writeEntries(
        _ base: String, _ path: String, files: [(String, GuestFileSystem.File)], directories: [String],
        _ query: QueryParameters, listing: MountListing = .listAll
    ) throws -> Response {
        let pageSize = try Self.positive(query["pageSize"], name: "pageSize") ?? 100
        let page = try Self.positive(query["page"], name: "page") ?? 1
        let total = files.count + directories.count
        let pagesCount = max(1, (total + pageSize - 1) / pageSize)
        let window = min((page - 1) * pageSize, total)..<min(page * pageSize, total)
        let pageFiles = files.indices.filter { window.contains($0) }.map { files[$0] }
        let pageDirectories = directories.indices.filter { window.contains($0 + files.count) }.map { directories[$0] }
        let hrefs = self.hrefs
        let here = hrefs.api(base + GuestFileSystem.encode(path))
        func pageHref(_ number: Int) -> String { "\(here)?action=\(listing.rawValue)&pageSize=\(pageSize)&page=\(number)" }
        let parent = path.split(separator: "/").dropLast().joined(separator: "/")
        return XMLResponse.document { xml in
            xml.start("FileSystemEntries", attributeList: [("Href", pageHref(page))], namespacesFirst: .em)
            var links = [
                Link(
                    "Up", "DirectoryEntry",
                    parent.isEmpty ? hrefs.api(String(base.dropLast())) : hrefs.api(base + GuestFileSystem.encode(parent)))
            ]
            for mode in [MountListing.listAll, .listDirs, .listFiles] {
                links.append(Link("Down", "FileSystemItemsList", "\(here)?action=\(mode.rawValue)"))
            }
            xml.links(links)
            xml.start("Files")
            for (directory, file) in pageFiles { Self.writeMountFile(file, in: directory, base, hrefs, &xml) }
            xml.end()
            xml.start("Directories")
            for directory in pageDirectories {
                let href = hrefs.api(base + GuestFileSystem.encode(directory))
                xml.start("DirectoryEntry", attributeList: [("Type", "DirectoryEntry"), ("Href", href)])
                xml.links([Link("Down", "FileSystemItemsList", href + "?action=listAll")])
                xml.element("Path", directory.replacingSlashes())
                xml.element("Name", String(directory.split(separator: "/").last ?? ""))
                xml.end()
            }
            xml.end()
            xml.start("PagingInfo", ["PageNum": String(page), "PageSize": String(pageSize), "PagesCount": String(pagesCount)])
            var paging = [Link("First", nil, pageHref(1))]
            if page > 1 { paging.append(Link("Previous", nil, pageHref(min(page - 1, pagesCount)))) }
            if page < pagesCount { paging.append(Link("Next", nil, pageHref(page + 1))) }
            paging.append(Link("Last", nil, pageHref(pagesCount)))
            xml.links(paging)
            xml.end()
            xml.end()
        }
    }

    private static func writeMountFile(
        _ file: GuestFileSystem.File, in directory: String, _ base: String, _ hrefs: HrefBuilder, _ xml: inout XMLWriter
    ) {
        let href = hrefs.api(base + GuestFileSystem.encode(directory + "/" + file.name))
        xml.start("FileEntry", attributeList: [("Type", "FileEntry"), ("Href", href)])
        xml.element("Path", (directory + "/" + file.name).replacingSlashes())
        xml.element("Name", file.name)
        xml.element("Size", file.size)
        xml.element("Owner", file.owner)
        xml.element("ModifiedDateUTC", file.modifiedUTC)
        xml.start("Actions")
        xml.start("Link", ["Rel": "Restore", "Href": href + "?action=restore"])
        xml.end()
        xml.start("Link", ["Rel": "Download", "Href": href + "?action=download"])
        xml.end()
        xml.end()
        xml.end()
    }

    /// Reads a positive integer parameter.
    /// - Throws: `SimulatorError` `.badRequest` when present and not a positive integer.
    private static func positive(_ value: String?, name: String) throws -> Int? {
        guard let value else { return nil }
        guard let number = Int(value), number > 0 else {
            throw SimulatorError(.badRequest, "Invalid \(name) [\(value)].")
        }
        return number
    }
}

extension String {
    /// The path with Windows separators, as a mount's `Path` elements show it (`C:\Users`).
    fileprivate func replacingSlashes() -> String {
        self.split(separator: "/", omittingEmptySubsequences: false).joined(separator: "\\")
    }
}
