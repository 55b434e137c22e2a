/// One photo as a vision model saw it.
public struct ImageInsights: Codable, Sendable, Equatable {
    public var imageId: String
    /// bedroom, bathroom, kitchen, living_room, dining_room, exterior, pool, garden, parking
    public var roomType: String
    public var featuresDetected: [String]
    /// excellent / good / fair / poor
    public var conditionAssessment: String
    public var notableAmenities: [String]
    /// 0…10
    public var estimatedQualityScore: Double
    public var issuesDetected: [String]
    public var confidence: Double

    public init(imageId: String, roomType: String, featuresDetected: [String] = [],
                conditionAssessment: String = "unknown", notableAmenities: [String] = [],
                estimatedQualityScore: Double = 0, issuesDetected: [String] = [], confidence: Double = 0) {
        self.imageId = imageId
        self.roomType = roomType
        self.featuresDetected = featuresDetected
        self.conditionAssessment = conditionAssessment
        self.notableAmenities = notableAmenities
        self.estimatedQualityScore = estimatedQualityScore
        self.issuesDetected = issuesDetected
        self.confidence = confidence
    }

    enum CodingKeys: String, CodingKey {
        case imageId = "image_id"
        case roomType = "room_type"
        case featuresDetected = "features_detected"
        case conditionAssessment = "condition_assessment"
        case notableAmenities = "notable_amenities"
        case estimatedQualityScore = "estimated_quality_score"
        case issuesDetected = "issues_detected"
        case confidence
    }
}

/// All photos of a property taken together.
public struct AggregatedPropertyInsights: Codable, Sendable, Equatable {
    public var overallCondition: String
    public var roomBreakdown: [String: Int]
    public var keyAmenities: [String]
    public var standoutFeatures: [String]
    public var potentialIssues: [String]
    public var estimatedPropertyQuality: Double
    public var imageAnalysisCount: Int
    public var processingTimeSeconds: Double

    public init(overallCondition: String, roomBreakdown: [String: Int], keyAmenities: [String],
                standoutFeatures: [String], potentialIssues: [String], estimatedPropertyQuality: Double,
                imageAnalysisCount: Int, processingTimeSeconds: Double = 0) {
        self.overallCondition = overallCondition
        self.roomBreakdown = roomBreakdown
        self.keyAmenities = keyAmenities
        self.standoutFeatures = standoutFeatures
        self.potentialIssues = potentialIssues
        self.estimatedPropertyQuality = estimatedPropertyQuality
        self.imageAnalysisCount = imageAnalysisCount
        self.processingTimeSeconds = processingTimeSeconds
    }

    enum CodingKeys: String, CodingKey {
        case overallCondition = "overall_condition"
        case roomBreakdown = "room_breakdown"
        case keyAmenities = "key_amenities"
        case standoutFeatures = "standout_features"
        case potentialIssues = "potential_issues"
        case estimatedPropertyQuality = "estimated_property_quality"
        case imageAnalysisCount = "image_analysis_count"
        case processingTimeSeconds = "processing_time_seconds"
    }

    /// The aggregation: rooms counted, amenities unioned, features mentioned twice or more
    /// stand out, condition from the mean quality score.
    public static func aggregate(_ insights: [ImageInsights], processingTimeSeconds: Double = 0) -> Self {
        var rooms: [String: Int] = [:]
        var amenities: [String] = []
        var featureCounts: [String: Int] = [:]
        var featureOrder: [String] = []
        var issues: [String] = []
        for insight in insights {
            rooms[insight.roomType, default: 0] += 1
            for amenity in insight.notableAmenities where !amenities.contains(amenity) { amenities.append(amenity) }
            for feature in insight.featuresDetected {
                if featureCounts[feature] == nil { featureOrder.append(feature) }
                featureCounts[feature, default: 0] += 1
            }
            for issue in insight.issuesDetected where !issues.contains(issue) { issues.append(issue) }
        }
        let mean = insights.isEmpty ? 0 : insights.map(\.estimatedQualityScore).reduce(0, +) / Double(insights.count)
        // Most mentioned first, ties in order of first mention; top ten, only those seen twice.
        let standout = featureOrder.enumerated()
            .sorted { (featureCounts[$0.element]!, -$0.offset) > (featureCounts[$1.element]!, -$1.offset) }
            .map(\.element).prefix(10).filter { featureCounts[$0]! >= 2 }
        return Self(overallCondition: Condition.fromQuality(mean), roomBreakdown: rooms, keyAmenities: amenities,
                    standoutFeatures: Array(standout), potentialIssues: issues,
                    estimatedPropertyQuality: mean, imageAnalysisCount: insights.count,
                    processingTimeSeconds: processingTimeSeconds)
    }
}

public enum Condition {
    /// Thresholds on the mean quality score: ≥8 excellent, ≥6 good, ≥4 fair, else poor.
    public static func fromQuality(_ score: Double) -> String {
        switch score {
        case 8...: "excellent"
        case 6..<8: "good"
        case 4..<6: "fair"
        default: "poor"
        }
    }
}
