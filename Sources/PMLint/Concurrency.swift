#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// `transform` applied to every element on all cores, results in the elements' order. For
/// independent, read-only work such as the rules of one project.
func concurrentMap<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
    guard elements.count > 1 else { return elements.map(transform) }
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: elements.count)
    results.initialize(repeating: nil)
    defer {
        // The slots' own copies go too, so that each result is left with one owner.
        _ = results.deinitialize()
        results.deallocate()
    }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: elements.count) { position in
        slots[position] = transform(elements[position])
    }
    return results.compactMap { $0 }
}

/// `transform` applied to consecutive slices of `elements` on all cores (a few slices a core,
/// none shorter than `minimumSlice`), results in the slices' order.
func concurrentSlices<Elements: RandomAccessCollection & Sendable, Result: Sendable>(
    _ elements: Elements, minimumSlice: Int = 1024, _ transform: @Sendable (Elements.SubSequence) -> Result
) -> [Result] where Elements.Index == Int {
    let length = max(minimumSlice, elements.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
    let slices = stride(from: 0, to: elements.count, by: length).map { $0..<min($0 + length, elements.count) }
    return concurrentMap(slices) { transform(elements[$0]) }
}
