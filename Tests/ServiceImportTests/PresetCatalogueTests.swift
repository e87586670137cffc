import Foundation
import ServiceDomain
import Testing

@testable import ServiceImport

struct PresetCatalogueTests {
    @Test func everyListedPresetLoadsAndDecodesAsItsKind() throws {
        let presets = try ImportPreset.all()
        #expect(presets.map(\.name) == ImportPreset.names)
        for preset in presets {
            #expect(!preset.notes.isEmpty && !preset.summary.isEmpty && !preset.tool.isEmpty, "\(preset.name)")
            switch preset.kind {
            case .cases: _ = try preset.caseMapping()
            case .contacts: _ = try preset.contactMapping()
            case .surveys: #expect(throws: ServiceDomainError.self) { try preset.caseMapping() }
            }
            // The name starts with its tool, as `service-report --presets` promises.
            let tool = preset.tool.lowercased().replacingOccurrences(of: " ", with: "-")
            #expect(preset.name.hasPrefix(tool.components(separatedBy: "-")[0]), "\(preset.name)")
        }
    }

    @Test func theBundleHoldsExactlyTheListedDocuments() throws {
        #expect(ImportPreset.bundledNames == ImportPreset.names)
        #expect(ImportPreset.names == ImportPreset.names.sorted())
        // Each document's own name is its file's.
        for name in ImportPreset.names { #expect(try ImportPreset.named(name).name == name) }
    }

    @Test func anUnknownNameSuggestsTheClosest() {
        #expect { try ImportPreset.named("zendesk-export") } throws: { error in
            guard let error = error as? ServiceDomainError else { return false }
            return error.path == "preset" && error.message.contains("zendesk-csv-export")
        }
        #expect(throws: ServiceDomainError.self) { try ImportPreset.named("five9-call-log").caseMapping() }
    }

    @Test func aPrintedPresetReadsBackAsTheSameMapping() throws {
        for preset in try ImportPreset.all() where preset.kind == .cases {
            let mapping = try preset.caseMapping()
            let printed = try JSONDecoder().decode(CaseCSVMapping.self, from: Data(preset.mappingJSON.utf8))
            #expect(printed == mapping)
            let reencoded = try JSONDecoder().decode(CaseCSVMapping.self, from: JSONEncoder().encode(mapping))
            #expect(reencoded == mapping, "\(preset.name)")
        }
        for preset in try ImportPreset.all() where preset.kind == .contacts {
            let mapping = try preset.contactMapping()
            #expect(try JSONDecoder().decode(ContactCSVMapping.self, from: JSONEncoder().encode(mapping)) == mapping)
        }
    }
}
