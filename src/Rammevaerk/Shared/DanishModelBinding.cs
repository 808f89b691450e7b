using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Rammevaerk.Shared;

/// <summary>The framework's model-binding messages ("The value 'x' is not valid for Y") in Danish.</summary>
public static class DanishModelBinding
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"Værdien '{value}' er ikke gyldig i feltet {field}.");
        p.SetMissingBindRequiredValueAccessor(field => $"Feltet {field} mangler.");
        p.SetMissingKeyOrValueAccessor(() => "En værdi mangler.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Forespørgslen var tom.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Værdien '{value}' er ikke gyldig.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Værdien er ikke gyldig.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Feltet skal være et tal.");
        p.SetUnknownValueIsInvalidAccessor(field => $"Værdien i feltet {field} er ikke gyldig.");
        p.SetValueIsInvalidAccessor(value => $"Værdien '{value}' er ikke gyldig.");
        p.SetValueMustBeANumberAccessor(field => $"Feltet {field} skal være et tal.");
        p.SetValueMustNotBeNullAccessor(field => $"Feltet {field} skal udfyldes.");
    }
}
