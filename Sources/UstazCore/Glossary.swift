/// The catalogue's agreed terms (Courses/glossary.yaml): per language, a preferred term and the variants that
/// must not appear. A variant matches case-insensitively at word starts, so a Kazakh or Russian stem also catches
/// its inflected forms ("жеке деректер" catches "жеке деректерді").
public struct Glossary: Sendable {
    /// Where a term applies: everywhere, only in the option texts of true/false items, or only in headings.
    public enum Scope: String, Sendable { case truefalse, headings }

    /// The kind of text being checked.
    public enum Context: Sendable { case text, heading, trueFalseOption }

    public struct Term: Sendable {
        public var language: Language
        public var preferred: String
        public var rejected: [String]
        public var scope: Scope?

        func applies(to context: Context) -> Bool {
            switch scope {
            case nil: true
            case .truefalse?: context == .trueFalseOption
            case .headings?: context == .heading
            }
        }
    }

    public var terms: [Term]

    public init(terms: [Term]) { self.terms = terms }

    /// Each rejected variant found in `text`, with the term to use instead.
    public func violations(in text: String, language: Language, context: Context) -> [(rejected: String, preferred: String)] {
        let words = Glossary.words(text)
        var found: [(String, String)] = []
        for term in terms where term.language == language && term.applies(to: context) {
            for variant in term.rejected where Glossary.contains(words, phrase: Glossary.words(variant)) {
                found.append((variant, term.preferred))
            }
        }
        return found
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Whether consecutive words of the text start with the phrase's words, in order.
    static func contains(_ words: [String], phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            phrase.indices.allSatisfy { words[start + $0].hasPrefix(phrase[$0]) }
        }
    }
}
