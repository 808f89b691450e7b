using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Rammevaerk.Shared;

/// <summary>
/// Binds a decimal? form field through <see cref="DanishInput"/> instead of the culture's parser, which under da-DK
/// ignores where a "." stands and so reads "2.5" as 25. "2,5" is 2,5; "2.500,00" is 2.500; "2.5" is refused with a
/// Danish message naming the field. Use as <c>[ModelBinder(typeof(DanishNumberBinder))]</c>.
/// </summary>
public sealed class DanishNumberBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, value);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            context.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }
        if (DanishInput.Number(text) is decimal number)
        {
            context.Result = ModelBindingResult.Success(number);
            return Task.CompletedTask;
        }
        var label = context.ModelMetadata.DisplayName ?? context.ModelMetadata.Name ?? "Feltet";
        context.ModelState.TryAddModelError(context.ModelName, $"{label} skal være et tal med komma som decimaltegn (fx 2.422,50 eller 8,4) – der står '{text.Trim()}'.");
        context.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}
