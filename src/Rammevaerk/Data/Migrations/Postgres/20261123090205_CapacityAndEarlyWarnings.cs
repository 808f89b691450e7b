using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rammevaerk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CapacityAndEarlyWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CapacityNotices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OperatorId = table.Column<int>(type: "integer", nullable: false),
                    OfferId = table.Column<int>(type: "integer", nullable: true),
                    NewOfferName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    TargetGroupText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Reason = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Consequences = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Process = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: true),
                    OwnUsePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AgendaItemId = table.Column<int>(type: "integer", nullable: true),
                    Response = table.Column<int>(type: "integer", nullable: true),
                    ResponseNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ResponseRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapacityNotices_AgendaItems_AgendaItemId",
                        column: x => x.AgendaItemId,
                        principalTable: "AgendaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CapacityNotices_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CapacityNotices_Operators_OperatorId",
                        column: x => x.OperatorId,
                        principalTable: "Operators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WarningRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Instructions = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AgendaItemId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WarningRounds_AgendaItems_AgendaItemId",
                        column: x => x.AgendaItemId,
                        principalTable: "AgendaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CapacityNoticeAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityNoticeAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapacityNoticeAttachments_CapacityNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "CapacityNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CapacityNoticeLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeId = table.Column<int>(type: "integer", nullable: false),
                    ServiceId = table.Column<int>(type: "integer", nullable: true),
                    ServiceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LegalBasesBefore = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LegalBasesAfter = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TargetGroups = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PlacesBefore = table.Column<int>(type: "integer", nullable: false),
                    PlacesAfter = table.Column<int>(type: "integer", nullable: false),
                    RateAfter = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    RateUnitAfter = table.Column<int>(type: "integer", nullable: true),
                    ServiceLevelHoursAfter = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityNoticeLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapacityNoticeLines_CapacityNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "CapacityNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RateWarnings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OperatorId = table.Column<int>(type: "integer", nullable: false),
                    OfferId = table.Column<int>(type: "integer", nullable: false),
                    ServiceId = table.Column<int>(type: "integer", nullable: true),
                    ChangePercent = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    ChangeAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ExpectedFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateWarnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RateWarnings_OfferServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "OfferServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RateWarnings_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RateWarnings_Operators_OperatorId",
                        column: x => x.OperatorId,
                        principalTable: "Operators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RateWarnings_WarningRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "WarningRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "WarningRoundAnswers",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    OperatorId = table.Column<int>(type: "integer", nullable: false),
                    NothingToWarn = table.Column<bool>(type: "boolean", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningRoundAnswers", x => new { x.RoundId, x.OperatorId });
                    table.ForeignKey(
                        name: "FK_WarningRoundAnswers_Operators_OperatorId",
                        column: x => x.OperatorId,
                        principalTable: "Operators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WarningRoundAnswers_WarningRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "WarningRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityNoticeAttachments_NoticeId",
                table: "CapacityNoticeAttachments",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityNoticeLines_NoticeId",
                table: "CapacityNoticeLines",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityNotices_AgendaItemId",
                table: "CapacityNotices",
                column: "AgendaItemId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityNotices_OfferId",
                table: "CapacityNotices",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityNotices_OperatorId",
                table: "CapacityNotices",
                column: "OperatorId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityNotices_State",
                table: "CapacityNotices",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_RateWarnings_OfferId",
                table: "RateWarnings",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_RateWarnings_OperatorId",
                table: "RateWarnings",
                column: "OperatorId");

            migrationBuilder.CreateIndex(
                name: "IX_RateWarnings_RoundId",
                table: "RateWarnings",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_RateWarnings_ServiceId",
                table: "RateWarnings",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_WarningRoundAnswers_OperatorId",
                table: "WarningRoundAnswers",
                column: "OperatorId");

            migrationBuilder.CreateIndex(
                name: "IX_WarningRounds_AgendaItemId",
                table: "WarningRounds",
                column: "AgendaItemId");

            migrationBuilder.CreateIndex(
                name: "IX_WarningRounds_Region_Year",
                table: "WarningRounds",
                columns: new[] { "Region", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CapacityNoticeAttachments");

            migrationBuilder.DropTable(
                name: "CapacityNoticeLines");

            migrationBuilder.DropTable(
                name: "RateWarnings");

            migrationBuilder.DropTable(
                name: "WarningRoundAnswers");

            migrationBuilder.DropTable(
                name: "CapacityNotices");

            migrationBuilder.DropTable(
                name: "WarningRounds");
        }
    }
}
