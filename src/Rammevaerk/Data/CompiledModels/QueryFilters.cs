using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Internal;
using Rammevaerk.Meetings.Publication;

#pragma warning disable EF1001 // QueryFilterCollection and RuntimeQueryFilter are EF's internal types; see Filters below.

namespace Rammevaerk.Data.CompiledModels
{
    /// <summary>
    /// The query filters of the compiled models. <c>dotnet ef dbcontext optimize</c> refuses a model with query filters,
    /// so the model is generated with them switched off (<c>EF.IsDesignTime</c> in PublicationConfiguration), and each
    /// entity type that has one gets it back here, in the hook the generated code leaves for it. The annotation is the
    /// one EF itself reads (<c>IEntityType.GetDeclaredQueryFilters</c>); the test CompiledModelTests compares every
    /// filter, table, column and index of both compiled models with the model built from the configuration.
    /// </summary>
    internal static class Filters
    {
        public static void Add(RuntimeEntityType entityType, LambdaExpression filter) =>
            entityType.AddAnnotation(CoreAnnotationNames.QueryFilter,
                new QueryFilterCollection([new RuntimeQueryFilter(null, filter)]));
    }
}

namespace Rammevaerk.Data.CompiledModels.Postgres
{
    public partial class AgendaItemEntityType
    {
        static partial void Customize(RuntimeEntityType runtimeEntityType) =>
            Filters.Add(runtimeEntityType, PublicationConfiguration.NotRemovedItem);
    }

    public partial class AttachmentEntityType
    {
        static partial void Customize(RuntimeEntityType runtimeEntityType) =>
            Filters.Add(runtimeEntityType, PublicationConfiguration.NotRemovedAttachment);
    }
}

namespace Rammevaerk.Data.CompiledModels.Sqlite
{
    public partial class AgendaItemEntityType
    {
        static partial void Customize(RuntimeEntityType runtimeEntityType) =>
            Filters.Add(runtimeEntityType, PublicationConfiguration.NotRemovedItem);
    }

    public partial class AttachmentEntityType
    {
        static partial void Customize(RuntimeEntityType runtimeEntityType) =>
            Filters.Add(runtimeEntityType, PublicationConfiguration.NotRemovedAttachment);
    }
}
