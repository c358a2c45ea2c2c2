/// Edit distance between two short strings (keys, ids), for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidates closest to `word`, best first, close enough to be a likely typo. A word far
/// longer than every candidate is no typo of one, and costs nothing to rule out.
func nearest(to word: String, in candidates: some Sequence<String>, limit: Int = 1) -> [String] {
    guard word.utf8.count <= 200 else { return [] }
    let length = word.count
    let threshold = max(2, length / 3)
    let lowered = word.lowercased()
    return candidates
        .filter { abs($0.count - length) <= threshold || ($0.hasPrefix(word) && length >= 3) }
        .map { (candidate: $0, distance: editDistance(lowered, $0.lowercased())) }
        .filter { $0.distance <= threshold || $0.candidate.hasPrefix(word) && word.count >= 3 }
        .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
        .prefix(limit)
        .map(\.candidate)
}

/// A value quoted in a message: at most 60 characters, so a huge or hostile value cannot
/// flood the report.
func excerpt(_ text: String) -> String {
    guard text.utf8.count > 60 else { return text }
    return String(text.prefix(60)) + "…"
}
