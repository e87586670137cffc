import ServiceDomain

extension AuditTemplate {
    /// The largest weight, option score or band score a template may give: 10¹⁰⁰.
    ///
    /// Far beyond any checklist's, and small enough that a weight times a score, summed over every item, stays finite — two weights of 10³⁰⁸ would
    /// otherwise pass validation and overflow when scored.
    public static let largestWeight = 1e100

    /// Every problem of the template, each with the path of the offending field; empty when the template is sound.
    ///
    /// Checks: identifiers present and unique (items across the whole template, sections, options within an item);
    /// weights and scores finite, not negative and at most ``largestWeight`` (so that no sum of them can overflow),
    /// pass marks within 0…100; response sets that exist and
    /// options that are not empty; bands sorted, without overlaps or gaps; rating ranges with more than one point;
    /// enabling conditions that name an earlier item and one of its answers; no section and item sharing an
    /// identifier; the scoring policy as ``ScoringPolicy/validate(at:)`` checks it (path `scoring…`).
    ///
    /// - Returns: The problems, in the order of the template.
    public func validate() -> [ServiceAuditError] {
        var problems: [ServiceAuditError] = []
        func problem(_ code: ServiceAuditError.Code, _ path: String, _ message: String) {
            problems.append(ServiceAuditError(code, at: path, message))
        }
        if id.isEmpty { problem(.empty, "id", "a template needs an identifier") }
        if sections.isEmpty { problem(.empty, "sections", "a template needs at least one section") }
        for (name, values) in applicability.profile.sorted(by: { $0.key < $1.key }) {
            guard let factor = ServiceProfile.Factor(rawValue: name) else {
                problem(.unknownReference, "applicability.profile.\(name)", "\(name) is not a service-design factor")
                continue
            }
            let allowed = Applicability.allowedValues(factor)
            for value in Applicability.alternatives(values) where !allowed.contains(value) {
                problem(
                    .unknownReference,
                    "applicability.profile.\(name)",
                    "\(value) is not a value of \(name) (\(allowed.joined(separator: ", ")))"
                )
            }
        }
        for (name, options) in responseSets.sorted(by: { $0.key < $1.key }) {
            check(options, "responseSets.\(name)", problem)
        }
        problems += scoring.validate(at: "scoring")
        // Paths are built only when a problem is reported: validation runs before every scoring.
        var earlier: [String: (item: AuditItem, path: () -> String)] = [:]
        var sectionIDs: Set<String> = []
        func walk(_ sections: [AuditSection], _ prefix: @escaping () -> String) {
            for (index, section) in sections.enumerated() {
                let path = { "\(prefix())sections[\(index)]" }
                if section.id.isEmpty { problem(.empty, "\(path()).id", "a section needs an identifier") }
                if !sectionIDs.insert(section.id).inserted {
                    problem(.duplicateIdentifier, "\(path()).id", "section \(section.id) appears twice")
                } else if let itemPath = earlier[section.id]?.path {
                    problem(.duplicateIdentifier, "\(path()).id", "\(section.id) is already an item, at \(itemPath())")
                }
                if !section.weight.isFinite || section.weight < 0 || section.weight > Self.largestWeight {
                    weight(section.weight, "\(path()).weight", problem)
                }
                if let mark = section.passMark { percent(mark, "\(path()).passMark", problem) }
                for (position, item) in section.items.enumerated() {
                    let itemPath = { "\(path()).items[\(position)]" }
                    if item.id.isEmpty { problem(.empty, "\(itemPath()).id", "an item needs an identifier") }
                    if sectionIDs.contains(item.id) {
                        let message = "\(item.id) is already a section's identifier"
                        problem(.duplicateIdentifier, "\(itemPath()).id", message)
                    } else if let firstPath = earlier[item.id]?.path {
                        problem(
                            .duplicateIdentifier,
                            "\(itemPath()).id",
                            "item \(item.id) already appears at \(firstPath())"
                        )
                    }
                    if !item.weight.isFinite || item.weight < 0 || item.weight > Self.largestWeight {
                        weight(item.weight, "\(itemPath()).weight", problem)
                    }
                    checkKind(item, itemPath, problem)
                    if let condition = item.enabledWhen {
                        checkCondition(condition, { earlier[$0]?.item }, "\(itemPath()).enabledWhen", problem)
                    }
                    if earlier[item.id] == nil { earlier[item.id] = (item, itemPath) }
                }
                walk(section.sections) { path() + "." }
            }
        }
        walk(sections) { "" }
        return problems
    }

    private typealias Report = (ServiceAuditError.Code, String, String) -> Void

    private func weight(_ value: Double, _ path: String, _ problem: Report) {
        if !value.isFinite {
            problem(.nonFinite, path, "the weight must be finite, not \(value)")
        } else if value < 0 {
            problem(.outOfRange, path, "the weight cannot be negative (\(value))")
        } else if value > Self.largestWeight {
            problem(.outOfRange, path, "the weight \(value) is above the largest a template may give, 1e100")
        }
    }

    private func percent(_ value: Double, _ path: String, _ problem: Report) {
        if !value.isFinite {
            problem(.nonFinite, path, "must be finite, not \(value)")
        } else if value < 0 || value > 100 {
            problem(.outOfRange, path, "must lie in 0…100, not \(value)")
        }
    }

    private func check(_ options: [ChoiceOption], _ path: String, _ problem: Report) {
        if options.isEmpty { problem(.empty, path, "a choice needs options") }
        var seen: Set<String> = []
        for (index, option) in options.enumerated() {
            if !seen.insert(option.id).inserted {
                problem(.duplicateIdentifier, "\(path)[\(index)].id", "option \(option.id) appears twice")
            }
            if !option.score.isFinite {
                problem(.nonFinite, "\(path)[\(index)].score", "the score must be finite, not \(option.score)")
            } else if option.score < 0 {
                problem(.outOfRange, "\(path)[\(index)].score", "the score cannot be negative")
            } else if option.score > Self.largestWeight {
                problem(.outOfRange, "\(path)[\(index)].score", "the score is above the largest allowed, 1e100")
            }
        }
    }

    private func checkBands(_ bands: [ScoreBand], _ path: String, _ problem: Report) {
        if bands.isEmpty { problem(.empty, path, "bands are needed to score the value") }
        for (index, band) in bands.enumerated() {
            if !band.score.isFinite || band.score < 0 || band.score > Self.largestWeight {
                problem(
                    band.score.isFinite ? .outOfRange : .nonFinite,
                    "\(path)[\(index)].score",
                    "a band score must be finite, not negative and at most 1e100"
                )
            }
            for (bound, name) in [(band.lower, "lower"), (band.upper, "upper")] {
                if let bound, !bound.isFinite {
                    problem(.nonFinite, "\(path)[\(index)].\(name)", "use no \(name) for an open end")
                }
            }
            if let lower = band.lower, let upper = band.upper, lower >= upper {
                problem(.badBands, "\(path)[\(index)]", "a band must have lower < upper, not \(lower) ≥ \(upper)")
            }
            if index > 0 {
                let previous = bands[index - 1]
                if previous.upper == nil || band.lower == nil {
                    problem(
                        .badBands,
                        "\(path)[\(index)]",
                        "only the first band may be open below and the last open above"
                    )
                } else if let end = previous.upper, let start = band.lower, end != start {
                    let what = start < end ? "overlaps the band before" : "leaves a gap after the band before"
                    problem(.badBands, "\(path)[\(index)].lower", "\(start) \(what), which ends at \(end)")
                }
            }
        }
    }

    private func checkKind(_ item: AuditItem, _ lazyPath: () -> String, _ problem: Report) {
        switch item.kind {
        case .yesNo, .checkbox, .text, .date: return
        default: break
        }
        let path = lazyPath()
        switch item.kind {
        case .singleChoice(let options, let set), .multiChoice(let options, let set):
            if let set {
                if responseSets[set] == nil {
                    problem(.unknownReference, "\(path).responseSet", "no response set is named \"\(set)\"")
                }
            } else {
                check(options, "\(path).options", problem)
            }
        case .numeric(let bands), .measurement(_, _, let bands, _): checkBands(bands, "\(path).bands", problem)
        case .rating(let minimum, let maximum):
            if maximum <= minimum { problem(.outOfRange, "\(path).maximum", "a rating needs maximum > minimum") }
        case .yesNo, .checkbox, .text, .date: break
        }
        if case .measurement(let indicator, _, _, let unit) = item.kind {
            if indicator.isEmpty { problem(.empty, "\(path).indicator", "a measurement item needs an indicator") }
            if let unit, let standard = Indicator(rawValue: indicator).standardUnit,
                standard.convert(1, to: unit) == nil
            {
                problem(
                    .unitMismatch,
                    "\(path).unit",
                    "\(indicator) is measured in \(standard), which does not convert to \(unit)"
                )
            }
        }
    }

    private func checkCondition(
        _ condition: ItemCondition,
        _ earlier: (String) -> AuditItem?,
        _ path: String,
        _ problem: Report
    ) {
        guard let decider = earlier(condition.item) else {
            problem(.unknownReference, "\(path).item", "\(condition.item) is not an earlier item")
            return
        }
        let allowed: [String]
        switch decider.kind {
        case .yesNo: allowed = ["yes", "no"]
        case .checkbox: allowed = ["checked", "unchecked"]
        case .singleChoice, .multiChoice: allowed = options(of: decider)?.map(\.id) ?? []
        default: allowed = []
        }
        if !allowed.contains(condition.equals) {
            problem(
                .unknownReference,
                "\(path).equals",
                "\"\(condition.equals)\" is not an answer of \(condition.item)"
            )
        }
    }
}

extension AuditTemplate {
    /// Every problem of a set of answers against this template, each with its path (`answers.<item>`): unknown
    /// items or options, second answers to an item, values of the wrong kind, "not applicable" where it is not
    /// allowed or lacks a required reason, and numbers that are not finite or fall outside the item's scale or bands.
    ///
    /// Scoring stops at the first of these; this lists them all, for a form to show at once.
    ///
    /// - Parameter answers: The answers.
    /// - Returns: The problems, in the answers' order; empty when every answer fits.
    public func validate(_ answers: [AuditAnswer]) -> [ServiceAuditError] {
        var problems: [ServiceAuditError] = []
        var seen: Set<String> = []
        let items = WeightedScoringRule.itemsByID(self)
        for answer in answers {
            do throws(ServiceAuditError) {
                // One answer at a time, so that each problem is found on its own.
                let item = try WeightedScoringRule.check(answer, items)
                if !seen.insert(answer.item).inserted {
                    throw ServiceAuditError(
                        .duplicateIdentifier,
                        at: "answers.\(answer.item)",
                        "\(answer.item) is answered twice"
                    )
                }
                if case .notApplicable = answer.value { continue }
                _ = try WeightedScoringRule.evaluate(item, answer, self)
            } catch {
                problems.append(error)
            }
        }
        return problems
    }
}
