import Foundation
import PipelineStore
import PropertyCore

/// `status --spaces`: the operator's one summary of every agent space, when each space has its
/// own daemon and state directory (`property-inbox@<account>.service`, state in
/// /var/lib/property-inbox/<account>): per space, its folders by state and its agent messages.
enum SpacesSummary {
    struct Space: Encodable {
        var space: String
        var stateDirectory: String
        var folders: [String: Int]
        var notifications: NoticeCounts?

        enum CodingKeys: String, CodingKey {
            case space, folders, notifications
            case stateDirectory = "state_directory"
        }
    }

    /// Every subdirectory of `root` that holds a state database, by name.
    static func collect(root: URL) async throws -> [Space] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var spaces: [Space] = []
        for name in names.sorted() {
            let directory = root.appendingPathComponent(name)
            guard AppDatabase.exists(inStateDirectory: directory) else { continue }
            let store = PipelineStore(database: try AppDatabase.open(stateDirectory: directory))
            var counts: [String: Int] = [:]
            for folder in try await store.allFolders() { counts[folder.state.rawValue, default: 0] += 1 }
            spaces.append(Space(space: name, stateDirectory: directory.path, folders: counts,
                                notifications: try? await store.noticeCounts()))
        }
        return spaces
    }

    /// One line per space: "somchai  12 folders: done 10, needs_attention 2  messages: 0 pending".
    static func lines(_ spaces: [Space]) -> [String] {
        let width = max(8, spaces.map(\.space.count).max() ?? 0)
        return spaces.map { space in
            let total = space.folders.values.reduce(0, +)
            let states = FolderState.allCases.compactMap { state in space.folders[state.rawValue].map { "\(state.rawValue) \($0)" } }
            var line = space.space.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(total) folder(s)"
            if !states.isEmpty { line += ": " + states.joined(separator: ", ") }
            if let notices = space.notifications {
                line += "  messages: \(notices.pending) pending, \(notices.sent) sent"
                if notices.uncertain > 0 { line += ", \(notices.uncertain) uncertain" }
            }
            return line
        }
    }
}
