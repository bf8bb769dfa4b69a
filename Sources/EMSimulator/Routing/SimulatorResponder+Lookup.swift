import Hummingbird

extension SimulatorResponder {
    /// `GET /api/lookup?host=<root UID>&name=<name|*>&type=<type>` or `?hierarchyRef=<ref>`
    /// (`lookup_query.md`): the inventory objects of a hierarchy root, as `HierarchyItems`.
    /// `hierachyRef` (sic, as a public client spells it) is accepted too.
    /// - Parameter query: the decoded query parameters.
    /// - Returns: the matching items.
    /// - Throws: `SimulatorError` `.badRequest` without `host` or `hierarchyRef` or with a
    ///   malformed host; `.notFound` for an unknown host.
    func lookup(_ query: QueryParameters) throws -> Response {
        let items: [any SimulatedEntity]
        if let reference = query["hierarchyRef"] ?? query["hierachyRef"] {
            let wanted = reference.lowercased()
            items = self.store.all(.hierarchyItem).filter { $0.queryValues(self.renderContext)["objectref"]?.lowercased() == wanted }
        } else if let host = query["host"] {
            let last = host.split(separator: ":").last.map(String.init) ?? host
            let rootID = try self.resolve([Route.Capture(kind: .hierarchyRoot, id: last)])[0]
            let name = query["name"]?.lowercased() ?? "*"
            let type = query["type"]?.lowercased()
            items = self.store.members(.child(of: .hierarchyRoot, rootID, "items")).filter { item in
                let values = item.queryValues(self.renderContext)
                return (name == "*" || values["objectname"]?.lowercased() == name)
                    && (type == nil || values["objecttype"]?.lowercased() == type)
            }
        } else {
            throw SimulatorError(.badRequest, "Specify the host or the hierarchyRef parameter.")
        }
        let context = self.renderContext
        return XMLResponse.list(
            items: items,
            open: { $0.start("HierarchyItems", attributeList: [], namespacesFirst: .em) },
            item: { Representation.writeEntity($1, to: &$0, context, asRoot: false) })
    }

    /// `GET /api/catalog/vms/{name}/vmRestorePoints/{ID}/guestfs/[path]`: the guest file system.
    ///
    /// The root and each file answer a `FileSystemEntry` (holding a `DirectoryEntry` for each
    /// drive, or the `FileEntry`); a directory answers its `FileSystemEntries` (`Files`, then
    /// `Directories`), as `catalog_vms_vmname_vmrestorepoints_id_guestfs*.md` show them.
    /// - Parameter route: the route, whose captures were checked and whose rest is the path.
    /// - Returns: the document.
    /// - Throws: `SimulatorError` `.notFound` for a path that names nothing.
    func guestFileSystem(_ route: Route) throws -> Response {
        let base = "catalog/vms/\(route.captures[0].id)/vmRestorePoints/\(route.captures[1].id)/guestfs/"
        let hrefs = self.hrefs
        let segments = route.rest.map(GuestFileSystem.decode)
        if segments.isEmpty {
            return XMLResponse.document { xml in
                xml.start(
                    "FileSystemEntry", attributeList: [("Href", hrefs.api(base)), ("Type", "FileSystemEntry")],
                    namespacesFirst: .em)
                for drive in GuestFileSystem.drives { Self.writeDirectory(drive, drive, base, hrefs, &xml) }
                xml.end()
            }
        }
        if let (directory, file) = GuestFileSystem.file(segments) {
            return XMLResponse.document { xml in
                let href = hrefs.api(base + GuestFileSystem.encode(directory + "/" + file.name))
                xml.start("FileSystemEntry", attributeList: [("Href", href), ("Type", "FileSystemEntry")], namespacesFirst: .em)
                Self.writeFile(file, in: directory, base, hrefs, &xml)
                xml.end()
            }
        }
        guard let path = GuestFileSystem.directory(segments), let directory = GuestFileSystem.tree[path] else {
            throw SimulatorError(.notFound, "Cannot find path [\(segments.joined(separator: "/"))]")
        }
        let parent = path.split(separator: "/").dropLast().joined(separator: "/")
        return XMLResponse.document { xml in
            xml.start("FileSystemEntries", attributeList: [], namespacesFirst: .em)
            xml.links([Link("Up", "DirectoryEntry", hrefs.api(base + GuestFileSystem.encode(parent)))])
            xml.start("Files")
            for file in directory.files { Self.writeFile(file, in: path, base, hrefs, &xml) }
            xml.end()
            xml.start("Directories")
            for name in directory.directories { Self.writeDirectory(path + "/" + name, name, base, hrefs, &xml) }
            xml.end()
            xml.end()
        }
    }

    private static func writeFile(
        _ file: GuestFileSystem.File, in directory: String, _ base: String, _ hrefs: HrefBuilder, _ xml: inout XMLWriter
    ) {
        let href = hrefs.api(base + GuestFileSystem.encode(directory + "/" + file.name))
        xml.start("FileEntry", attributeList: [("Type", "FileEntry"), ("Href", href)])
        xml.element("Path", directory + "/" + file.name)
        xml.element("Name", file.name)
        xml.element("Size", file.size)
        xml.element("Owner", file.owner)
        xml.element("ModifiedDateUTC", file.modifiedUTC)
        xml.start("Actions")
        xml.start("Link", ["Rel": "Restore", "Href": href + "?action=restore"])
        xml.end()
        xml.end()
        xml.end()
    }

    private static func writeDirectory(
        _ path: String, _ name: String, _ base: String, _ hrefs: HrefBuilder, _ xml: inout XMLWriter
    ) {
        let href = hrefs.api(base + GuestFileSystem.encode(path))
        xml.start("DirectoryEntry", attributeList: [("Type", "DirectoryEntry"), ("Href", href)])
        xml.links([Link("Down", "FileSystemItemsList", href)])
        xml.element("Path", path)
        xml.element("Name", name)
        xml.end()
    }
}
