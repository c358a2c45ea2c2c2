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

/// The candidates closest to `word`, best first, close enough to be a likely typo.
func nearest(to word: String, in candidates: some Sequence<String>, limit: Int = 1) -> [String] {
    let threshold = max(2, word.count / 3)
    return candidates
        .map { (candidate: $0, distance: editDistance(word.lowercased(), $0.lowercased())) }
        .filter { $0.distance <= threshold || $0.candidate.hasPrefix(word) && word.count >= 3 }
        .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
        .prefix(limit)
        .map(\.candidate)
}
