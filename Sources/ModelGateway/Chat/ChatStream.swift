import Foundation
import Synchronization

/// Reads a streamed chat completion (server-sent events) incrementally, as libcurl delivers
/// the bytes, and folds it into the same `ChatCompletionResponse` a non-streamed call decodes,
/// so `FaultPolicy` classifies both alike.
///
/// - Comment lines (`: OPENROUTER PROCESSING`) and fields other than `data` are skipped.
/// - `choices[0].delta.content` pieces are concatenated; the last `finish_reason` wins.
/// - `usage` comes once, in the last chunk, whose `choices` is empty.
/// - A chunk with a top-level `error` (and/or `finish_reason: "error"`) mid-stream becomes the
///   answer's error; `data: [DONE]` ends the stream. A stream that stops without `[DONE]` or a
///   finish reason is reported as an error (the connection died mid-answer).
///
/// Fed from a curl pool thread, read after the transfer: a mutex guards the state.
final class ChatStreamAccumulator: Sendable {
    private struct State {
        var pending = Data()          // bytes after the last newline
        var eventData: [String] = []  // `data:` lines of the event being read
        var events = 0
        var done = false
        var id: String?
        var model: String?
        var content = ""
        var finishReason: String?
        var usage: Usage?
        var error: ProviderErrorBody?
        var choiceError: ProviderErrorBody?
        var unparsable = 0
    }

    private let state = Mutex(State())

    /// Feeds bytes as they arrive; lines may be split anywhere between chunks.
    func feed(_ chunk: Data) {
        state.withLock { state in
            state.pending.append(chunk)
            while let newline = state.pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = state.pending[state.pending.startIndex..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                state.pending.removeSubrange(state.pending.startIndex...newline)
                Self.handle(line: String(decoding: line, as: UTF8.self), state: &state)
            }
        }
    }

    /// True once at least one `data:` event was read: the server did stream.
    var sawEvents: Bool { state.withLock { $0.events > 0 || !$0.eventData.isEmpty } }

    /// The stream folded into one response. Call after the transfer has finished.
    func response() -> ChatCompletionResponse {
        state.withLock { state in
            if !state.pending.isEmpty {
                Self.handle(line: String(decoding: state.pending, as: UTF8.self), state: &state)
                state.pending.removeAll()
            }
            Self.dispatch(&state)
            var error = state.error
            if error == nil, !state.done, state.finishReason == nil {
                error = ProviderErrorBody(code: .number(502), message: "the stream ended before [DONE] or a finish reason")
            }
            let choice = ChatCompletionResponse.Choice(
                message: .init(content: state.content), delta: nil, finishReason: state.finishReason, error: state.choiceError)
            return ChatCompletionResponse(id: state.id, model: state.model, choices: [choice], usage: state.usage, error: error)
        }
    }

    private static func handle(line: String, state: inout State) {
        if line.isEmpty {
            dispatch(&state)
        } else if line.hasPrefix(":") {
            return // a comment: OpenRouter's keep-alive
        } else if line.hasPrefix("data:") {
            var value = line.dropFirst(5)
            if value.first == " " { value = value.dropFirst() }
            state.eventData.append(String(value))
        }
        // `event:`, `id:`, `retry:` carry nothing the gateway needs.
    }

    private static func dispatch(_ state: inout State) {
        guard !state.eventData.isEmpty else { return }
        let payload = state.eventData.joined(separator: "\n")
        state.eventData.removeAll()
        state.events += 1
        if payload.trimmingCharacters(in: .whitespaces) == "[DONE]" {
            state.done = true
            return
        }
        guard let chunk = try? JSONDecoder().decode(ChatCompletionResponse.self, from: Data(payload.utf8)) else {
            state.unparsable += 1
            return
        }
        state.id = state.id ?? chunk.id
        state.model = state.model ?? chunk.model
        if let usage = chunk.usage { state.usage = usage }
        if let error = chunk.error { state.error = error }
        if let choice = chunk.choices?.first {
            if let piece = (choice.delta ?? choice.message)?.content { state.content += piece }
            if let reason = choice.finishReason { state.finishReason = reason }
            if let error = choice.error { state.choiceError = error }
        }
    }
}
