using Rammevaerk.Shared;

namespace Rammevaerk.Tests.Shared;

public class CprNumbersTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    public static TheoryData<string, string> RealCprNumbers => new()
    {
        { "cpr-nr. 010190-1234", "010190-xxxx" },
        { "Borgeren (010190 1234) flyttede", "010190-xxxx" },
        { "cpr 010190\u00A01234", "010190-xxxx" },
        { "cpr 010190\u202F1234", "010190-xxxx" },
        { "cpr 010190.1234", "010190-xxxx" },
        { "cpr 0101901234.", "010190-xxxx" },
        { "nr.010190-1234", "010190-xxxx" },
        { "| Jens | 010190-1234 |", "010190-xxxx" },
        { "[010190-1234](https://example.dk)", "010190-xxxx" },
        { "split 010190-\n1234 by a PDF line", "010190-xxxx" },
        { "split 010190\n-1234 the other way", "010190-xxxx" },
        { "with a non-breaking hyphen 010190\u20111234", "010190-xxxx" },
        { "with an en dash 010190–1234", "010190-xxxx" },
        { "soft hyphen 010190\u00AD-1234", "010190-xxxx" },
        // Substitute number: day + 60.
        { "erstatning 610190-1234", "610190-xxxx" }, // shown as written, so the secretariat finds it
        // 29 February in a leap year of the 2000s (seventh digit 4, ÅÅ 00 → 2000).
        { "290200-4123", "290200-xxxx" },
        // Seventh digit 5–8 with ÅÅ 58–99: the 1800s.
        { "150880-5123", "150880-xxxx" },
    };

    [Theory]
    [MemberData(nameof(RealCprNumbers))]
    public void FindsCprNumbersHoweverTheyAreWritten(string text, string masked)
    {
        var match = Assert.Single(CprNumbers.Find(text, Today));
        Assert.Equal(masked, match.Masked);
        Assert.DoesNotContain("1234", CprNumbers.Redact(text, Today).Replace("4123", "").Replace("5123", ""));
    }

    public static TheoryData<string> NotCprNumbers => new()
    {
        "Fakturanummer 123456-7890",            // no 34th month
        "Døgntaksten er 2.422 kr. pr. døgn",
        "Ring på 70 10 12 34 eller +45 20304050",
        "Regnskabet viser et mindreforbrug på 353.274 kr. og en overførsel på 1.299.724 kr.",
        "Sag 2025-0101-1234",
        "Reference 12-010190-1234",              // part of a longer dashed number
        "Løbenummer 01019012345",               // eleven digits
        "Beløb 010190-1234,50",                  // a decimal number
        "310290-1234",                           // 31 February
        "290201-1234",                           // 29 February 1901 (seventh digit 1: the 1900s, not a leap year)
        "000190-1234",                           // day 0
        "P-nummer 1003388394",                   // a P-number read as a date in 2038: after today
        "Mødet den 13.12.2024 kl. 09:00",
        "",
    };

    [Theory]
    [MemberData(nameof(NotCprNumbers))]
    public void LeavesOtherNumbersAlone(string text)
    {
        Assert.Empty(CprNumbers.Find(text, Today));
        Assert.Same(text, CprNumbers.Redact(text, Today));
    }

    [Fact]
    public void FindsEveryNumberAndRedactsEachInPlace()
    {
        const string text = "Borgerne 010190-1234 og 020285 5678 er flyttet.";
        var matches = CprNumbers.Find(text, Today).ToList();
        Assert.Equal(2, matches.Count);
        Assert.Equal("010190-1234", text.Substring(matches[0].Index, matches[0].Length));
        Assert.Equal("Borgerne [cpr-nr. fjernet] og [cpr-nr. fjernet] er flyttet.", CprNumbers.Redact(text, Today));
    }

    [Fact]
    public void WithoutTodayAFutureBirthDateStillCounts()
    {
        Assert.Single(CprNumbers.Find("1003388394"));
        Assert.Empty(CprNumbers.Find("1003388394", Today));
    }
}
