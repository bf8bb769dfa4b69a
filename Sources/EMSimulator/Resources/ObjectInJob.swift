/// One VM or container in a job (`ObjectInJob`).
struct ObjectInJob: Sendable {
    let id: String
    /// `HierarchyObjRef` (`urn:VMware:Vm:<vCenter GUID>.vm-123`).
    let hierarchyObjRef: String
    let name: String
    let guestProcessing: GuestProcessing

    /// Writes `<ObjectInJob>`.
    /// - Parameters:
    ///   - xml: the writer.
    ///   - jobReference: the job's reference URL, which the object's `Href` extends.
    func write(_ xml: inout XMLWriter, jobReference: String) {
        xml.start("ObjectInJob", ["Type": "ObjectInJob", "Href": jobReference + "/includes/" + self.id])
        xml.element("ObjectInJobId", self.id)
        xml.element("HierarchyObjRef", self.hierarchyObjRef)
        xml.element("Name", self.name)
        xml.element("DisplayName", self.name)
        self.guestProcessing.write(&xml)
        xml.end()
    }
}
