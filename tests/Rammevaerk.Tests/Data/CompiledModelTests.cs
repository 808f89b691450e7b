using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Tests.Data;

/// <summary>
/// The app runs on compiled EF Core models (Data/CompiledModels, decision 0013): a node then neither builds nor JIT-compiles
/// the model of 85 entity types at start. A compiled model is generated code, so it can fall behind the configuration;
/// these tests compare it with the model EF builds from the configuration (the design-time model), entity type by
/// entity type, and fail until scripts/compiled-models.sh has been run.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_app_uses_a_compiled_model_equal_to_the_configuration(string provider)
    {
        using var db = Create(provider);
        var compiled = db.Model;
        var configured = db.GetService<IDesignTimeModel>().Model;

        Assert.Equal($"Rammevaerk.Data.CompiledModels.{provider}", compiled.GetType().Namespace);
        Assert.NotSame(compiled, configured);

        var missing = Describe(configured).Except(Describe(compiled)).ToList();
        var extra = Describe(compiled).Except(Describe(configured)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "The compiled model differs from the configuration; run scripts/compiled-models.sh.\n" +
            string.Join("\n", missing.Take(20).Select(l => "configured only: " + l).Concat(extra.Take(20).Select(l => "compiled only:   " + l))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_keeps_removed_items_and_attachments_out_of_queries(string provider)
    {
        using var db = Create(provider);
        const string filter = "\"RemovedAt\" IS NULL";
        Assert.Contains(filter, db.AgendaItems.Where(i => i.MeetingId == 1).ToQueryString());
        Assert.Contains(filter, db.Attachments.ToQueryString());
        Assert.DoesNotContain(filter, db.AgendaItems.IgnoreQueryFilters().Where(i => i.MeetingId == 1).ToQueryString());
        Assert.Single(db.Model.FindEntityType(typeof(AgendaItem))!.GetDeclaredQueryFilters());
    }

    private static AppDb Create(string provider) => provider == "Sqlite"
        ? new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite("Data Source=:memory:").Options)
        : new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=localhost;Database=none").Options);

    /// <summary>One line for each fact of the model that the database or a query depends on.</summary>
    private static HashSet<string> Describe(IModel model)
    {
        var lines = new HashSet<string>();
        foreach (var e in model.GetEntityTypes())
        {
            var n = e.Name;
            lines.Add($"entity {n} table={e.GetTableName()} view={e.GetViewName()} base={e.BaseType?.Name} owned={e.IsOwned()} " +
                $"discriminator={e.FindDiscriminatorProperty()?.Name}={e.GetDiscriminatorValue()}");
            foreach (var p in e.GetDeclaredProperties())
            {
                lines.Add($"property {n}.{p.Name} clr={p.ClrType} column={p.GetColumnName()} type={p.GetColumnType()} " +
                    $"nullable={p.IsNullable} max={p.GetMaxLength()} precision={p.GetPrecision()},{p.GetScale()} unicode={p.IsUnicode()} " +
                    $"generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken} converter={p.GetValueConverter()?.GetType().FullName} " +
                    $"default={p.GetDefaultValueSql()}|{p.TryGetDefaultValue(out var d)}:{d} computed={p.GetComputedColumnSql()} " +
                    $"field={p.FieldInfo?.Name} shadow={p.IsShadowProperty()}");
            }
            foreach (var k in e.GetDeclaredKeys())
                lines.Add($"key {n} ({string.Join(",", k.Properties.Select(p => p.Name))}) primary={k.IsPrimaryKey()} name={k.GetName()}");
            foreach (var f in e.GetDeclaredForeignKeys())
                lines.Add($"foreign key {n} ({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} " +
                    $"({string.Join(",", f.PrincipalKey.Properties.Select(p => p.Name))}) delete={f.DeleteBehavior} unique={f.IsUnique} " +
                    $"required={f.IsRequired} name={f.GetConstraintName()} nav={f.DependentToPrincipal?.Name}/{f.PrincipalToDependent?.Name}");
            foreach (var i in e.GetDeclaredIndexes())
                lines.Add($"index {n} ({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique} filter={i.GetFilter()} " +
                    $"name={i.GetDatabaseName()}");
            foreach (var nav in e.GetDeclaredNavigations())
                lines.Add($"navigation {n}.{nav.Name} -> {nav.TargetEntityType.Name} collection={nav.IsCollection} eager={nav.IsEagerLoaded}");
            foreach (var s in e.GetDeclaredSkipNavigations())
                lines.Add($"skip navigation {n}.{s.Name} -> {s.TargetEntityType.Name} via {s.JoinEntityType.Name}");
            foreach (var c in e.GetDeclaredComplexProperties())
                lines.Add($"complex {n}.{c.Name} -> {c.ComplexType.ClrType}");
            foreach (var q in e.GetDeclaredQueryFilters())
                lines.Add($"query filter {n} {q.Key} {q.Expression}");
        }
        return lines;
    }
}
