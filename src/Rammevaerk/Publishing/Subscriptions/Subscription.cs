using Rammevaerk.Bodies;

namespace Rammevaerk.Publishing.Subscriptions;

/// <summary>
/// Someone who asked to be told by e-mail when a body publishes an agenda or minutes. No account: the address, the
/// body and a random token that confirms (double opt-in) and unsubscribes. Unconfirmed requests are deleted after
/// <see cref="SubscriptionService.ConfirmWithin"/>; unsubscribing deletes the row.
/// </summary>
[Hosting.NotPublicData("Subscribers' e-mail addresses; never shown publicly.")]
public sealed class Subscription
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    /// <summary>The secret in the confirmation and unsubscribe links (URL-safe, 43 characters).</summary>
    public required string Token { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ConfirmationSentAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
}
