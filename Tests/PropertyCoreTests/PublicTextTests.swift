@testable import PropertyCore
import Testing

/// Agents' contacts stay off public pages; a page's meta description is in the page's language.
@Suite struct PublicTextTests {
    @Test func phonesLineIDsEmailsAndURLsAreTakenOut() {
        let text = """
            3-bedroom pool villa in Rawai, 80,000 THB a month. Call 081-234-5678 or +66 81 234 5678. \
            LINE: somchai.home, e-mail somchai@example.co.th, photos at https://example.com/villa?id=1 \
            and www.example.com/more. Land 1 600 000 sqm? No: 400 m².
            """
        let out = PublicText.withoutContacts(text)
        for contact in ["081-234-5678", "+66", "234 5678", "somchai.home", "somchai@", "https://", "www.example"] {
            #expect(!out.contains(contact), "\(contact) in \(out)")
        }
        // Prices and areas are not phone numbers.
        #expect(out.contains("80,000 THB"))
        #expect(out.contains("400 m²"))
        #expect(out.hasPrefix("3-bedroom pool villa in Rawai"))
    }

    @Test func thaiAndRussianContactsToo() {
        let thai = PublicText.withoutContacts("ให้เช่าคอนโด 1 ห้องนอน ราคา 15,000 บาท โทร 089 123 4567 ไลน์ : agent_ploy")
        #expect(!thai.contains("089") && !thai.contains("agent_ploy"), "\(thai)")
        #expect(thai.contains("15,000 บาท"))
        let russian = PublicText.withoutContacts("Вилла 25 000 000 руб. Тел.: 8 (912) 345-67-89, лайн: olga77")
        #expect(!russian.contains("912") && !russian.contains("olga77"), "\(russian)")
        #expect(russian.contains("25 000 000 руб"))
    }

    @Test func anOrdinaryLineIsNotALineID() {
        let text = "A second line of palm trees shields the garden; beachfront line, quiet."
        #expect(PublicText.withoutContacts(text) == text)
    }

    @Test func theMetaDescriptionIsThePagesOpeningWithoutContacts() {
        let description = "Bright 2-bedroom condo near Kata beach. Call 081-234-5678. Pool, gym and parking."
        let meta = PublicText.metaDescription(pageDescription: description, title: "2-bedroom condo", keyFacts: [])
        #expect(meta.hasPrefix("Bright 2-bedroom condo near Kata beach."))
        #expect(!meta.contains("081"))
        #expect(meta.count <= 160)
        let shown = PublicText.metaDescription(pageDescription: description, title: "", keyFacts: [], showContacts: true)
        #expect(shown.contains("081-234-5678"))
    }

    @Test func withoutADescriptionTheTitleAndFactsInThePagesLanguage() {
        let meta = PublicText.metaDescription(pageDescription: nil, title: "วิลล่า 3 ห้องนอน ให้เช่า ราไวย์",
                                              keyFacts: ["80,000 บาท/เดือน", "3 ห้องนอน"])
        #expect(meta == "วิลล่า 3 ห้องนอน ให้เช่า ราไวย์ · 80,000 บาท/เดือน · 3 ห้องนอน")
    }

    @Test func aLongOpeningIsCutAtAWord() {
        let long = String(repeating: "spacious ", count: 40)
        let meta = PublicText.metaDescription(pageDescription: long, title: "", keyFacts: [])
        #expect(meta.count <= 160 && meta.hasSuffix("…") && !meta.contains("spaciou…"))
    }
}
