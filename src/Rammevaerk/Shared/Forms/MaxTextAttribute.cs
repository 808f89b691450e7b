using System.ComponentModel.DataAnnotations;

namespace Rammevaerk.Shared.Forms;

/// <summary>
/// A length limit on a posted text whose message is <see cref="Danish.TooLong"/>: "Teksten må højst være 200.000
/// tegn." The framework's own <c>{1}</c> placeholder prints the limit without the thousands separator.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MaxTextAttribute(int maximumLength, string what) : StringLengthAttribute(maximumLength)
{
    /// <summary>The field as the message names it ("Titlen", "Beskrivelsen").</summary>
    public string What { get; } = what;

    public override string FormatErrorMessage(string name) => Danish.TooLong(What, MaximumLength);
}
