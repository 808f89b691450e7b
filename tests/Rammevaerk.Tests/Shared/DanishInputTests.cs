using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Rammevaerk.Shared;

namespace Rammevaerk.Tests.Shared;

/// <summary>The one Danish reader of numbers, amounts, percentages and dates, and the money fields that bind through it.</summary>
public sealed class DanishInputTests
{
    [Theory]
    [InlineData("2,5", 2.5)]
    [InlineData("2.500,00", 2500)]
    [InlineData("2.422", 2422)]
    [InlineData("1.000.000", 1000000)]
    [InlineData(" 12 345 ", 12345)]
    [InlineData("2.422 kr.", 2422)]
    [InlineData("2.422,50 kr", 2422.50)]
    [InlineData("kr. 100", 100)]
    [InlineData("6,5 %", 6.5)]
    [InlineData("6,5%", 6.5)]
    [InlineData("-3", -3)]
    [InlineData("−3", -3)]
    [InlineData("+4", 4)]
    [InlineData("-1.250,5", -1250.5)]
    public void Danish_numbers_amounts_and_percentages_are_read_as_a_Danish_user_means(string text, double expected) =>
        Assert.Equal((decimal)expected, DanishInput.Number(text));

    [Theory]
    [InlineData("2.5")]
    [InlineData("2422.50")]
    [InlineData("8.4")]
    [InlineData("1,2,3")]
    [InlineData("abc")]
    [InlineData("12.34.567")]
    [InlineData("")]
    [InlineData("kr.")]
    [InlineData("%")]
    public void A_decimal_point_or_anything_else_is_refused_never_guessed(string text) => Assert.Null(DanishInput.Number(text));

    [Theory]
    [InlineData("1.000", 1000)]
    [InlineData("-2", -2)]
    [InlineData("7", 7)]
    public void Whole_numbers(string text, int expected) => Assert.Equal(expected, DanishInput.Whole(text));

    [Theory]
    [InlineData("8,4")]
    [InlineData("8.4")]
    [InlineData("99999999999")]
    public void Not_a_whole_number(string text) => Assert.Null(DanishInput.Whole(text));

    [Theory]
    [InlineData("2025-09-01")]
    [InlineData("1.9.2025")]
    [InlineData("01.09.2025")]
    [InlineData("1-9-2025")]
    [InlineData("1/9/2025")]
    public void Dates_in_every_form_Danish_users_type_them(string text) => Assert.Equal(new DateOnly(2025, 9, 1), DanishInput.Date(text));

    [Theory]
    [InlineData("31.2.2025")]
    [InlineData("2025/09/01")]
    [InlineData("i morgen")]
    public void Impossible_or_unknown_dates_are_refused(string text) => Assert.Null(DanishInput.Date(text));

    /// <summary>Every decimal form field that binds through <see cref="DanishNumberBinder"/>: the money and rate fields.</summary>
    public static TheoryData<string, string> MoneyFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in typeof(DanishInput).Assembly.GetTypes())
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<ModelBinderAttribute>()?.BinderType == typeof(DanishNumberBinder)) data.Add(type.FullName!, p.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MoneyFields))]
    public async Task Each_money_field_reads_2_comma_5_and_2_500_comma_00_as_a_Danish_user_means_and_refuses_2_point_5(string typeName, string property)
    {
        var type = typeof(DanishInput).Assembly.GetType(typeName)!;
        Assert.Equal(2.5m, (await BindAsync(type, property, "2,5")).Value);
        Assert.Equal(2500m, (await BindAsync(type, property, "2.500,00")).Value);
        var refused = await BindAsync(type, property, "2.5");
        Assert.Null(refused.Value);
        Assert.Contains("komma som decimaltegn", refused.Error);
        Assert.Contains("'2.5'", refused.Error);
        Assert.Null((await BindAsync(type, property, "")).Value);
    }

    [Fact]
    public void The_offer_forms_and_economics_money_fields_all_bind_the_Danish_way()
    {
        var fields = MoneyFields().Select(row => $"{((string)row[0]).Split('.').Last()}.{row[1]}").ToList();
        Assert.Contains("ServiceInput.Rate", fields);
        Assert.Contains("ServiceInput.ServiceLevelHours", fields);
        Assert.Contains("AllocationInput.Amount", fields);
        Assert.Contains("BudgetTableForm.TotalBudget", fields);
        Assert.True(fields.Count >= 18, string.Join(", ", fields));
    }

    private static async Task<(decimal? Value, string? Error)> BindAsync(Type type, string property, string text)
    {
        var metadata = new EmptyModelMetadataProvider().GetMetadataForProperty(type, property);
        var values = new QueryStringValueProvider(BindingSource.Form, new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["f"] = text }), CultureInfo.GetCultureInfo("da-DK"));
        var context = DefaultModelBindingContext.CreateBindingContext(
            new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor()), values, metadata, bindingInfo: null, modelName: "f");
        await new DanishNumberBinder().BindModelAsync(context);
        var error = context.ModelState.TryGetValue("f", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return (context.Result.IsModelSet ? (decimal?)context.Result.Model : null, error);
    }
}
