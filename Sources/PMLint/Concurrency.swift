import Dispatch
import Synchronization

/// `transform` applied to every element on all cores, results in the elements' order. For
/// independent work: the projects of a window, the rules of one project.
func concurrentMap<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
    guard elements.count > 1 else { return elements.map(transform) }
    let results = Mutex([Result?](repeating: nil, count: elements.count))
    DispatchQueue.concurrentPerform(iterations: elements.count) { position in
        let result = transform(elements[position])
        results.withLock { $0[position] = result }
    }
    return results.withLock { $0.compactMap { $0 } }
}
