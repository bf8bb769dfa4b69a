import EMTranslate
import Testing

@Suite("JSON → XML: both documented list shapes and schema order")
struct RequestShapeTests {
    func error(_ body: () throws -> Any) -> TranslateError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? TranslateError
        }
    }

    @Test("a plural list key with an array, or the item name with one value or an array")
    func repeatedListShapes() throws {
        let pool = "urn:veeam:CloudGatewayPool:6de18dab-3341-441e-9184-a866913444d4"
        let plural = try RequestTestModel.xml(#"{"CloudGateways": {"CloudGatewayUids": ["\#(pool)"]}}"#, type: "CreateCloudGatewayPoolSpec")
        let single = try RequestTestModel.xml(#"{"CloudGateways": {"CloudGatewayUid": "\#(pool)"}}"#, type: "CreateCloudGatewayPoolSpec")
        #expect(plural == single)
        #expect(plural.contains("<CloudGateways><CloudGatewayUid>\(pool)</CloudGatewayUid></CloudGateways>"))
        let two = try RequestTestModel.xml(#"{"CloudGateways": {"CloudGatewayUids": ["a", "b"]}}"#, type: "CreateCloudGatewayPoolSpec")
        #expect(try RequestTestModel.xml(#"{"CloudGateways": {"CloudGatewayUid": ["a", "b"]}}"#, type: "CreateCloudGatewayPoolSpec") == two)
        #expect(two.contains("<CloudGatewayUid>a</CloudGatewayUid><CloudGatewayUid>b</CloudGatewayUid>"))
    }

    @Test("the plural key must hold an array; giving both names is an error")
    func repeatedListErrors() throws {
        let notArray = error {
            try RequestTestModel.xml(#"{"CloudGateways": {"CloudGatewayUids": "a"}}"#, type: "CreateCloudGatewayPoolSpec")
        }
        #expect(notArray?.code == .schemaMismatch)
        #expect(notArray?.message.hasPrefix("CreateCloudGatewayPoolSpec.CloudGateways.CloudGatewayUids: expected an array") == true)
        let both = error {
            try RequestTestModel.xml(
                #"{"CloudGateways": {"CloudGatewayUids": ["a"], "CloudGatewayUid": "b"}}"#, type: "CreateCloudGatewayPoolSpec")
        }
        #expect(both?.code == .schemaMismatch)
        #expect(both?.message.contains(#""CloudGatewayUids" and "CloudGatewayUid" both give"#) == true)
    }

    @Test("a repeated element whose JSON and XML names agree takes one value or an array")
    func repeatedSimpleElements() throws {
        let one = try RequestTestModel.xml(#"{"JobScheduleOptions": {"Standart": {"OptionsDaily": {"Days": "Monday"}}}}"#, type: "Job")
        let array = try RequestTestModel.xml(#"{"JobScheduleOptions": {"Standart": {"OptionsDaily": {"Days": ["Monday"]}}}}"#, type: "Job")
        #expect(one == array)
        #expect(one.contains("<OptionsDaily><Days>Monday</Days></OptionsDaily>"))
    }

    @Test("a wrapped list takes an array, or an object holding the item name")
    func wrappedListShapes() throws {
        let vm = #"{"VmRestorePointUid": "urn:veeam:VmRestorePoint:1", "VmNewName": "VM1"}"#
        let array = try RequestTestModel.xml(#"{"VmsRestoreParameters": [\#(vm)]}"#, type: "VAppRestoreSpec")
        #expect(try RequestTestModel.xml(#"{"VmsRestoreParameters": {"Vm": \#(vm)}}"#, type: "VAppRestoreSpec") == array)
        #expect(try RequestTestModel.xml(#"{"VmsRestoreParameters": {"Vm": [\#(vm)]}}"#, type: "VAppRestoreSpec") == array)
        #expect(
            array.contains(
                "<VmsRestoreParameters><Vm><VmRestorePointUid>urn:veeam:VmRestorePoint:1</VmRestorePointUid><VmNewName>VM1</VmNewName></Vm></VmsRestoreParameters>"
            ))
        let other = error { try RequestTestModel.xml(#"{"VmsRestoreParameters": {"Vms": [\#(vm)]}}"#, type: "VAppRestoreSpec") }
        #expect(other?.message.hasPrefix(#"VAppRestoreSpec.VmsRestoreParameters: expected an array (or an object holding "Vm")"#) == true)
        let path = error { try RequestTestModel.xml(#"{"VmsRestoreParameters": {"Vm": {"VmNewName": 1}}}"#, type: "VAppRestoreSpec") }
        #expect(path?.message == "VAppRestoreSpec.VmsRestoreParameters.Vm.VmNewName: expected a string, found a number")
    }

    @Test("a member may be named by its XML name (RetrySpecified for RetrySpecified1)")
    func xmlNameAlias() throws {
        let json = try RequestTestModel.xml(
            #"{"JobScheduleOptions": {"Standart": {"RetryOptions": {"RetrySpecified1": true}}}}"#, type: "Job")
        let xml = try RequestTestModel.xml(
            #"{"JobScheduleOptions": {"Standart": {"RetryOptions": {"RetrySpecified": true}}}}"#, type: "Job")
        #expect(json == xml)
        #expect(json.contains("<RetryOptions><RetrySpecified>true</RetrySpecified></RetryOptions>"))
    }

    @Test("RetryOptions before OptionsDaily, Enabled an attribute, Kind/Days/Time in schema order, in any key order")
    func scheduleOrder() throws {
        let keyOrders = [
            #"{"RetryOptions": {"RetryTimes": 3, "RetrySpecified1": true}, "OptionsDaily": {"Enabled": true, "Kind": "Everyday", "Days": ["Monday", "Friday"], "Time": "22:00:00.0000000+01:00"}}"#,
            #"{"OptionsDaily": {"Time": "22:00:00.0000000+01:00", "Days": ["Monday", "Friday"], "Kind": "Everyday", "Enabled": true}, "RetryOptions": {"RetrySpecified1": true, "RetryTimes": 3}}"#,
            #"{"OptionsDaily": {"Days": ["Monday", "Friday"], "Enabled": true, "Time": "22:00:00.0000000+01:00", "Kind": "Everyday"}, "RetryOptions": {"RetryTimes": 3, "RetrySpecified1": true}}"#,
        ]
        let expected =
            #"<Standart><RetryOptions><RetryTimes>3</RetryTimes><RetrySpecified>true</RetrySpecified></RetryOptions><OptionsDaily Enabled="true"><Kind>Everyday</Kind><Days>Monday</Days><Days>Friday</Days><Time>22:00:00.0000000+01:00</Time></OptionsDaily></Standart>"#
        var outputs: Set<String> = []
        for standart in keyOrders {
            let xml = try RequestTestModel.xml(#"{"JobScheduleOptions": {"Standart": \#(standart)}}"#, type: "Job")
            #expect(xml.contains(expected), "\(xml)")
            outputs.insert(xml)
        }
        #expect(outputs.count == 1)
    }
}
