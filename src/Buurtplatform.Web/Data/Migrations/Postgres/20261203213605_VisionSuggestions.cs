using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VisionSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StaffSuggestionDigests",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LastDigestUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSuggestionDigests", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_StaffSuggestionDigests_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisionSuggestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    VisionId = table.Column<int>(type: "integer", nullable: false),
                    SectionHeading = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Language = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ShowName = table.Column<bool>(type: "boolean", nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsExample = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnswerIsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    AnsweredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MergedIntoId = table.Column<int>(type: "integer", nullable: true),
                    ProcessedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ProcessedVersion = table.Column<int>(type: "integer", nullable: true),
                    ChangeNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EmailErasedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisionSuggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisionSuggestions_VisionSuggestions_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "VisionSuggestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_VisionSuggestions_Visions_VisionId",
                        column: x => x.VisionId,
                        principalTable: "Visions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VisionSuggestions_Key",
                table: "VisionSuggestions",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisionSuggestions_MergedIntoId",
                table: "VisionSuggestions",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_VisionSuggestions_TokenHash",
                table: "VisionSuggestions",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisionSuggestions_VisionId_State",
                table: "VisionSuggestions",
                columns: new[] { "VisionId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffSuggestionDigests");

            migrationBuilder.DropTable(
                name: "VisionSuggestions");
        }
    }
}
