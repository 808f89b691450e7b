using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Rammevaerk.CentralAnnouncements;

/// <summary>What _AnnouncementFields needs: the form prefix, the values, the errors, and whether to ask for a first deadline.</summary>
public sealed record AnnouncementFieldsView(string Prefix, AnnouncementInput Input, ModelStateDictionary State, bool WithDeadline);
