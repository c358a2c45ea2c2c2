#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON-RPC 2.0 as the Language Server Protocol carries it: requests, notifications and
/// responses, each one JSON object in a `Content-Length` frame.
enum JSONRPC {
    /// The error codes of JSON-RPC and of LSP that pmlint answers with.
    enum ErrorCode: Int, Sendable {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case serverNotInitialized = -32002
        case requestFailed = -32803
    }

    struct ResponseError: Error, Codable, Sendable {
        var code: Int
        var message: String

        init(_ code: ErrorCode, _ message: String) {
            self.code = code.rawValue
            self.message = message
        }
    }

    /// A request's id: a number or a string, as the client chose.
    enum RequestID: Codable, Hashable, Sendable {
        case number(Int)
        case string(String)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .string(let text): try container.encode(text)
            }
        }
    }

    /// What every message has: which method it calls, and the id of a request or response.
    struct Envelope: Decodable {
        var jsonrpc: String?
        var id: RequestID?
        /// An `id` was given, readable or not (a request whose id is an object is still a request).
        var hasID: Bool
        var method: String?
        /// Present (even as null) on a response.
        var hasResult: Bool
        var hasError: Bool

        enum CodingKeys: String, CodingKey { case jsonrpc, id, method, result, error }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            jsonrpc = try? container.decodeIfPresent(String.self, forKey: .jsonrpc)
            id = try? container.decodeIfPresent(RequestID.self, forKey: .id)
            hasID = container.contains(.id)
            method = try? container.decodeIfPresent(String.self, forKey: .method)
            hasResult = container.contains(.result)
            hasError = container.contains(.error)
        }
    }

    /// Any JSON at all: to tell a message that is not an object (an invalid request) from bytes
    /// that are not JSON (a parse error).
    struct AnyJSON: Decodable {
        init(from decoder: Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                while !array.isAtEnd { _ = try array.decode(AnyJSON.self) }
            } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
                for key in object.allKeys { _ = try object.decode(AnyJSON.self, forKey: key) }
            } else {
                let value = try decoder.singleValueContainer()
                if value.decodeNil() || (try? value.decode(Bool.self)) != nil || (try? value.decode(Double.self)) != nil { return }
                _ = try value.decode(String.self)
            }
        }

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    /// A message's `params`, decoded as the method's type.
    struct Params<Value: Decodable>: Decodable {
        var params: Value
    }

    struct Response<Result: Encodable>: Encodable {
        var jsonrpc = "2.0"
        var id: RequestID?
        var result: Result

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(jsonrpc, forKey: .jsonrpc)
            try container.encode(id, forKey: .id)
            // `result` is required on success, even when it is null.
            try container.encode(result, forKey: .result)
        }

        enum CodingKeys: String, CodingKey { case jsonrpc, id, result }
    }

    struct ErrorResponse: Encodable {
        var jsonrpc = "2.0"
        /// Null when the request's id could not be read.
        var id: RequestID?
        var error: ResponseError

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(jsonrpc, forKey: .jsonrpc)
            try container.encode(id, forKey: .id)
            try container.encode(error, forKey: .error)
        }

        enum CodingKeys: String, CodingKey { case jsonrpc, id, error }
    }

    struct Notification<Params: Encodable>: Encodable {
        var jsonrpc = "2.0"
        var method: String
        var params: Params
    }

    /// A message in its frame: `Content-Length: N`, a blank line, N bytes of JSON.
    static func frame(_ message: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every value sent is made of strings, numbers, arrays and objects: encoding cannot fail.
        let body = (try? encoder.encode(message)).map { Array($0) } ?? Array(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"unencodable"}}"#.utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

/// Splits the bytes read from the client into frames. Strict: a header block must name a
/// `Content-Length`; a malformed one is reported and skipped, never waited on forever.
struct FrameReader {
    enum Frame: Equatable, Sendable {
        case message([UInt8])
        /// What was wrong, for a JSON-RPC parse error; the reader has moved past it.
        case malformed(String)
    }

    /// The largest body accepted: a document's text JSON-escaped, with room to spare.
    let maxBody: Int
    /// A header block is a few dozen bytes; past this without a blank line, it is not one.
    let maxHeader = 8192
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes of an oversized body still to be dropped as they arrive.
    private var skipping = 0
    /// After a malformed header, whatever follows (its body, if it had one) is dropped up to the
    /// next `Content-Length:`.
    private var resyncing = false

    init(maxBody: Int) {
        self.maxBody = maxBody
    }

    mutating func append(_ bytes: [UInt8]) {
        if skipping > 0 {
            let dropped = min(skipping, bytes.count)
            skipping -= dropped
            buffer.append(contentsOf: bytes[dropped...])
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// The next complete frame, or nil until more bytes arrive.
    mutating func next() -> Frame? {
        defer { compact() }
        if resyncing {
            guard let header = nextHeaderStart() else {
                // Keep a tail that may be the start of a split `Content-Length:`.
                start = max(start, buffer.count - Self.lengthHeader.count)
                return nil
            }
            start = header
            resyncing = false
        }
        guard start < buffer.count else { return nil }
        guard let end = headerEnd() else {
            if buffer.count - start > maxHeader {
                start = buffer.count
                resyncing = true
                return .malformed("a header block longer than \(maxHeader) bytes")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<end], as: UTF8.self)
        let bodyStart = end + 4
        func malformed(_ reason: String) -> Frame {
            start = bodyStart
            resyncing = true
            return .malformed(reason)
        }
        var length: Int?
        for line in header.split(separator: "\r\n", omittingEmptySubsequences: false) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return malformed("a header line without a colon: \(line.prefix(80))") }
            if parts[0].lowercased() == "content-length" {
                let value = String(parts[1]).trimmingSpacesAndTabs
                guard let number = Int(value), number >= 0 else { return malformed("Content-Length is not a number: \(value.prefix(40))") }
                length = number
            }
        }
        guard let length else { return malformed("a header block without Content-Length") }
        let available = buffer.count - bodyStart
        guard length <= maxBody else {
            // Dropped as it arrives; what follows it is the next frame.
            if length <= available {
                start = bodyStart + length
            } else {
                skipping = length - available
                start = buffer.count
            }
            return .malformed("a message of \(length) bytes, more than the \(maxBody) accepted")
        }
        guard available >= length else { return nil }
        start = bodyStart + length
        return .message(Array(buffer[bodyStart..<bodyStart + length]))
    }

    private static let lengthHeader = Array("content-length:".utf8)

    /// Where the next `Content-Length:` (in any case) starts, from `start` on.
    private func nextHeaderStart() -> Int? {
        var index = start
        while index + Self.lengthHeader.count <= buffer.count {
            if Self.lengthHeader.indices.allSatisfy({ buffer[index + $0] | 0x20 == Self.lengthHeader[$0] }) { return index }
            index += 1
        }
        return nil
    }

    /// Where the header block's blank line starts.
    private func headerEnd() -> Int? {
        var index = start
        let limit = min(buffer.count, start + maxHeader + 4)
        while index + 3 < limit {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 { return index }
            index += 1
        }
        return nil
    }

    private mutating func compact() {
        if start >= buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            start = 0
        } else if start > 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
