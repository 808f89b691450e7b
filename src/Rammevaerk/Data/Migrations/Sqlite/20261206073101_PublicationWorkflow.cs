using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rammevaerk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicationWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgendaItems_MeetingId_Number",
                table: "AgendaItems");

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "WarningRounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Decision",
                table: "WarningRounds",
                type: "TEXT",
                maxLength: 200000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ListUnsubscribeUrl",
                table: "Outbox",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Confirmation",
                table: "MeetingVersions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedWarnings",
                table: "MeetingVersions",
                type: "TEXT",
                maxLength: 200000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SourcePublishedOn",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UnpublishedChangesAt",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "Meetings",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "Meetings",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionText",
                table: "CapacityNotices",
                type: "TEXT",
                maxLength: 200000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemovedAt",
                table: "Attachments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemovedAt",
                table: "AgendaItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AttachmentScans",
                columns: table => new
                {
                    AttachmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Readability = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    ScannedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttachmentScans", x => x.AttachmentId);
                    table.ForeignKey(
                        name: "FK_AttachmentScans_Attachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "Attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DraftMinutes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CommentsBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false),
                    SnapshotJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftMinutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DraftMinutes_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PdfRenderJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PdfRenderJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PdfRenderJobs_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublicFindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    ItemNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    ItemTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AttachmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    AttachmentName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Excerpt = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Withheld = table.Column<bool>(type: "INTEGER", nullable: false),
                    FoundAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicFindings_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublicMeetings",
                columns: table => new
                {
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Stamp = table.Column<Guid>(type: "TEXT", nullable: false),
                    ViewJson = table.Column<string>(type: "TEXT", nullable: false),
                    Withheld = table.Column<int>(type: "INTEGER", nullable: false),
                    RulesVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    RefreshedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicMeetings", x => x.MeetingId);
                    table.ForeignKey(
                        name: "FK_PublicMeetings_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublishedAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    IsMissing = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedAttachments_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublishedItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    IsClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedItems_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Subscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmationSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DraftComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DraftMinutesId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    ItemNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DraftComments_DraftMinutes_DraftMinutesId",
                        column: x => x.DraftMinutesId,
                        principalTable: "DraftMinutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_MeetingId_Number",
                table: "AgendaItems",
                columns: new[] { "MeetingId", "Number" },
                unique: true,
                filter: "\"RemovedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DraftComments_DraftMinutesId",
                table: "DraftComments",
                column: "DraftMinutesId");

            migrationBuilder.CreateIndex(
                name: "IX_DraftComments_MeetingId",
                table: "DraftComments",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_DraftMinutes_MeetingId_Round",
                table: "DraftMinutes",
                columns: new[] { "MeetingId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PdfRenderJobs_DoneAt",
                table: "PdfRenderJobs",
                column: "DoneAt");

            migrationBuilder.CreateIndex(
                name: "IX_PdfRenderJobs_MeetingId",
                table: "PdfRenderJobs",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicFindings_MeetingId",
                table: "PublicFindings",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedAttachments_MeetingId",
                table: "PublishedAttachments",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedItems_MeetingId",
                table: "PublishedItems",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_BodyId",
                table: "Subscriptions",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Email_BodyId",
                table: "Subscriptions",
                columns: new[] { "Email", "BodyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Token",
                table: "Subscriptions",
                column: "Token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttachmentScans");

            migrationBuilder.DropTable(
                name: "DraftComments");

            migrationBuilder.DropTable(
                name: "PdfRenderJobs");

            migrationBuilder.DropTable(
                name: "PublicFindings");

            migrationBuilder.DropTable(
                name: "PublicMeetings");

            migrationBuilder.DropTable(
                name: "PublishedAttachments");

            migrationBuilder.DropTable(
                name: "PublishedItems");

            migrationBuilder.DropTable(
                name: "Subscriptions");

            migrationBuilder.DropTable(
                name: "DraftMinutes");

            migrationBuilder.DropIndex(
                name: "IX_AgendaItems_MeetingId_Number",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "WarningRounds");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "WarningRounds");

            migrationBuilder.DropColumn(
                name: "ListUnsubscribeUrl",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Confirmation",
                table: "MeetingVersions");

            migrationBuilder.DropColumn(
                name: "ConfirmedWarnings",
                table: "MeetingVersions");

            migrationBuilder.DropColumn(
                name: "SourcePublishedOn",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "UnpublishedChangesAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "DecisionText",
                table: "CapacityNotices");

            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "AgendaItems");

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_MeetingId_Number",
                table: "AgendaItems",
                columns: new[] { "MeetingId", "Number" },
                unique: true);
        }
    }
}
