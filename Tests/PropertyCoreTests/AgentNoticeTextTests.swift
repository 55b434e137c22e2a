import Foundation
import PropertyCore
import Testing

/// The messages on the agents' channels: every outcome said in every language, with the
/// listing's title, price and what to fix.
struct AgentNoticeTextTests {
    @Test(arguments: NoticeKind.allCases)
    func everyOutcomeHasItsOwnWordsInEveryLanguage(kind: NoticeKind) {
        for language in ListingLanguage.allCases {
            let text = AgentNoticeText.render(AgentNotice(kind: kind, propertyId: "villa-7"), language: language)
            #expect(!text.subject.isEmpty && !text.body.isEmpty)
            if kind != .test { #expect(text.subject.contains("villa-7") && text.body.contains("villa-7")) }
            if language != .en {
                let english = AgentNoticeText.render(AgentNotice(kind: kind, propertyId: "villa-7"), language: .en)
                #expect(text.subject != english.subject, "\(language) says \(kind) in English")
            }
        }
        let subjects = Set(NoticeKind.allCases.map { AgentNoticeText.render(AgentNotice(kind: $0, propertyId: "p"), language: .th).subject })
        #expect(subjects.count == NoticeKind.allCases.count)
    }

    @Test func aListingBringsItsTitlePriceAndWhatToFix() {
        var result = ListingResult(propertyId: "condo-1", requestId: "r", timestamp: "2026-12-07T00:00:00Z")
        result.propertyType = "condo"
        result.listingType = .rent
        result.bedrooms = 2
        result.location = "Sukhumvit, Bangkok"
        let missing = AgentNoticeText.render(AgentNotice(kind: .needsAgent, propertyId: "condo-1", result: result,
                                                         url: "https://homes.example/listings/condo-1/"), language: .en)
        #expect(missing.title == "2-bedroom condo for rent in Sukhumvit, Bangkok")
        #expect(missing.price == nil)
        #expect(missing.body.contains(ListingLanguage.en.messages.problem(.missing(.price))))
        #expect(missing.body.contains("https://homes.example/listings/condo-1/"))

        result.price = 25_000
        result.pricePeriod = .month
        let published = AgentNoticeText.render(AgentNotice(kind: .published, propertyId: "condo-1", result: result), language: .ru)
        #expect(published.price == "25\u{00A0}000 бат в месяц")
        #expect(published.body.contains("Цена: 25\u{00A0}000 бат в месяц"))
        #expect(!published.body.contains("Пожалуйста, проверьте"))
    }
}
