import Dispatch

/// `transform` applied to every element on all cores, results in the elements' order. For
/// independent, read-only work such as the rules of one project.
func concurrentMap<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
    guard elements.count > 1 else { return elements.map(transform) }
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: elements.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: elements.count) { position in
        slots[position] = transform(elements[position])
    }
    return results.compactMap { $0 }
}
