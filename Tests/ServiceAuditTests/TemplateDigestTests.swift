import Foundation
import ServiceAudit
import ServiceDomain
import Testing

/// The template digest is FNV-1a 64 over the template's canonical JSON, which this module writes itself.
struct TemplateDigestTests {
    /// The built-in templates' digests, pinned.
    ///
    /// An audit saved against one of them keeps scoring only while its
    /// digest holds, so a change of serialisation (or of a template without a new version) must fail here first.
    /// `excellent-service-provider`'s digest is also the one the sample audit (`Examples/SampleData/Data/audit.json`)
    /// was saved with.
    static let pinned: [(String, String)] = [
        ("excellent-service-provider", "fnv1a64:d54f34f4658ca6f0"),
        ("service-excellence-five-criteria", "fnv1a64:113794ebd969b35c"),
        ("implementation-guidelines", "fnv1a64:b37227b4bb21cacd"),
        ("sector-accountability", "fnv1a64:862fd68562560511"), ("service-design-fit", "fnv1a64:5d10361d97b86c97"),
        ("frontline-wellbeing", "fnv1a64:a41a18d2188dc59f"), ("complaint-handling", "fnv1a64:706e9c2f04010426"),
        ("contact-centre-delivery", "fnv1a64:a80b98794a5c64c7"),
        ("competitive-appraisal", "fnv1a64:1a780ef6f61734c9"),
    ]

    @Test(arguments: pinned)
    func builtInDigestsAreStable(id: String, digest: String) throws {
        #expect(try TemplateReference(try BuiltInTemplates.template(id)).digest == digest)
    }

    @Test func theDigestIsOverTheCanonicalForm() throws {
        // A template whose canonical JSON is written out by hand (keys sorted, `/` escaped, the weight 1.0 as `1`,
        // 0.7 as `0.7`), and its FNV-1a 64 computed over those bytes here.
        let template = AuditTemplate(
            id: "t",
            version: SemanticVersion(1, 0, 0),
            title: "A/B \"é\"",
            sections: [
                AuditSection(
                    id: "S",
                    title: "S",
                    items: [
                        AuditItem(
                            id: "N",
                            prompt: "n",
                            kind: .numeric(bands: [
                                ScoreBand(lower: nil, upper: 0.7, score: 0),
                                ScoreBand(lower: 0.7, upper: nil, score: 1),
                            ])
                        )
                    ]
                )
            ]
        )
        // Every field the template encodes, defaults included, in the canonical form written out by hand: keys sorted
        // by bytes, no whitespace, `/` and `"` escaped, `é` raw, the weights 1.0 as `1`, 0.7 as `0.7`.
        let compact =
            #"{"applicability":{"profile":{},"sectors":[]},"id":"t","inspiredBy":[],"responseSets":{},"schemaVersion":1,"#
            + #""scoring":{"criticalFailure":"failOnly","gates":{"noDoesNotMeet":false},"maturity":[],"#
            + #""notApplicable":"excluded","rollUp":"pooled","unanswered":"zero"},"sections":[{"id":"S","items":[{"#
            + #""bands":[{"fails":false,"score":0,"upper":0.7},{"fails":false,"lower":0.7,"score":1}],"evidence":"none","#
            + #""id":"N","kind":"numeric","notApplicable":"notAllowed","prompt":"n","weight":1}],"sections":[],"#
            + #""title":"S","weight":1}],"summary":"","title":"A\/B \"é\"","version":"1.0.0"}"#
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in compact.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        #expect(
            try TemplateReference(template).digest == "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
        )
    }
}
