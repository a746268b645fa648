from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "organization" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "account" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "reference_id" VARCHAR(200),
    "fields" JSONB NOT NULL,
    "tags" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_account_referen_3b7455" ON "account" ("reference_id");
CREATE TABLE IF NOT EXISTS "case_template" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "key" VARCHAR(16) NOT NULL,
    "statuses" JSONB NOT NULL,
    "field_definitions" JSONB NOT NULL,
    "notification_emails" JSONB NOT NULL,
    "assignment_policy" VARCHAR(32) NOT NULL,
    "assignment_user_ids" JSONB NOT NULL,
    "assignment_team_ids" JSONB NOT NULL,
    "assignment_capacity" INT,
    "last_case_number" INT NOT NULL,
    "archived_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_case_templa_organiz_b9669d" UNIQUE ("organization_id", "key")
);
CREATE TABLE IF NOT EXISTS "document" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "label" VARCHAR(200) NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "document" IS 'Free JSON from another system, attached to a case.';
CREATE TABLE IF NOT EXISTS "event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(64) NOT NULL,
    "subject_type" VARCHAR(32) NOT NULL,
    "subject_id" INT NOT NULL,
    "actor_type" VARCHAR(32) NOT NULL,
    "actor_id" VARCHAR(64) NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_event_org_id" ON "event" ("organization_id", "id");
CREATE INDEX IF NOT EXISTS "idx_event_subject" ON "event" ("subject_type", "subject_id");
CREATE TABLE IF NOT EXISTS "report" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "report_type" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "has_match" BOOL NOT NULL,
    "fields" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "report"."status" IS 'PENDING: pending\nREADY: ready\nERRORED: errored';
CREATE TABLE IF NOT EXISTS "team" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_team_organiz_e46d03" UNIQUE ("organization_id", "name")
);
CREATE TABLE IF NOT EXISTS "txn" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "transaction_type" VARCHAR(64) NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "reference_id" VARCHAR(200),
    "fields" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "user" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "availability" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_user_organiz_00c04b" UNIQUE ("organization_id", "email")
);
COMMENT ON COLUMN "user"."role" IS 'ADMIN: admin\nREVIEWER: reviewer\nVIEWER: viewer';
COMMENT ON COLUMN "user"."availability" IS 'AVAILABLE: available\nBUSY: busy\nUNAVAILABLE: unavailable';
CREATE TABLE IF NOT EXISTS "api_key" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "key_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "user_id" INT REFERENCES "user" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "api_key"."role" IS 'ADMIN: admin\nREVIEWER: reviewer\nVIEWER: viewer';
CREATE TABLE IF NOT EXISTS "case" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "number" INT NOT NULL,
    "name" VARCHAR(40) NOT NULL,
    "status" VARCHAR(100) NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "resolution" VARCHAR(100),
    "creator_type" VARCHAR(32) NOT NULL,
    "creator_id" VARCHAR(64) NOT NULL,
    "assigner_type" VARCHAR(32),
    "assigner_id" VARCHAR(64),
    "resolver_type" VARCHAR(32),
    "resolver_id" VARCHAR(64),
    "updater_type" VARCHAR(32),
    "updater_id" VARCHAR(64),
    "tags" JSONB NOT NULL,
    "tag_index" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "sla_expires_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "assigned_at" TIMESTAMPTZ,
    "resolved_at" TIMESTAMPTZ,
    "version" INT NOT NULL,
    "assignee_id" INT REFERENCES "user" ("id") ON DELETE SET NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "template_id" INT NOT NULL REFERENCES "case_template" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_case_templat_164c31" UNIQUE ("template_id", "number")
);
CREATE INDEX IF NOT EXISTS "idx_case_org_created" ON "case" ("organization_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_case_org_assignee" ON "case" ("organization_id", "assignee_id", "state");
COMMENT ON COLUMN "case"."state" IS 'OPEN: open\nRESOLVED: resolved';
CREATE TABLE IF NOT EXISTS "case_comment" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "author_type" VARCHAR(32) NOT NULL,
    "author_id" VARCHAR(64) NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "case_id" INT NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "case_object" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "object_type" VARCHAR(16) NOT NULL,
    "object_id" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "case_id" INT NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_case_object_case_id_ff03ea" UNIQUE ("case_id", "object_type", "object_id")
);
CREATE INDEX IF NOT EXISTS "idx_case_object_target" ON "case_object" ("object_type", "object_id");
COMMENT ON COLUMN "case_object"."object_type" IS 'INQUIRY: inquiry\nACCOUNT: account\nREPORT: report\nVERIFICATION: verification\nTRANSACTION: transaction\nDOCUMENT: document';
COMMENT ON TABLE "case_object" IS 'A link from a case to one object; (case, type, object id) is unique.';
CREATE TABLE IF NOT EXISTS "inquiry" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "reference_id" VARCHAR(200),
    "status" VARCHAR(16) NOT NULL,
    "name_first" VARCHAR(200),
    "name_last" VARCHAR(200),
    "birthdate" DATE,
    "fields" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "completed_at" TIMESTAMPTZ,
    "decisioned_at" TIMESTAMPTZ,
    "account_id" INT REFERENCES "account" ("id") ON DELETE SET NULL,
    "creator_id" INT REFERENCES "user" ("id") ON DELETE SET NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_inquiry_referen_db7aa0" ON "inquiry" ("reference_id");
COMMENT ON COLUMN "inquiry"."status" IS 'CREATED: created\nPENDING: pending\nCOMPLETED: completed\nFAILED: failed\nEXPIRED: expired\nNEEDS_REVIEW: needs_review\nAPPROVED: approved\nDECLINED: declined';
CREATE TABLE IF NOT EXISTS "team_member" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "team_id" INT NOT NULL REFERENCES "team" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_team_member_team_id_c590f1" UNIQUE ("team_id", "user_id")
);
CREATE TABLE IF NOT EXISTS "verification" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "verification_type" VARCHAR(64) NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "fields" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW13mzgW/iscPnXO8fY0adJ2sp8cm3a8Teys46TtTOZwFKzE2mDwAE7jne1/X4kX8y"
    "Yw2GCDej8lFroCniuke597Jf0tz80p1u3XXU0zl4Yjn0l/ywaaY/pP8lJHktFiEV5gBQ66"
    "1926KFLp3nYspLG2HpBuY1o0xbZmkYVDTIOWGktdZ4WmRisS4zEsWhrkryVWHfMROzNs0Q"
    "t//EmLiTHFL9gOfi6e1AeC9WnsYcmU3dstV53Vwi0bGM5HtyK7272qmfpyboSVFytnZhrr"
    "2sR7/EdsYAs5mDXvWEv2+Ozp/BcN3sh70rCK94gRmSl+QEvdibzuvRqWyao6HE3Ua2Wiqn"
    "IJgDTTYODSR7Xdt39kj/CP46OT9ycf3r47+UCruI+5Lnn/w7t1CIwn6MIznMg/3OvIQV4N"
    "F+MQVAs/YAsbGlZ58PZmyOLjm5RLIE1fIYl0gGsEah/INdJBlQNBPUcvqo6NR2fG8H3zJg"
    "fY2+6491t3/IrW+oXd0qSfg/eZDP1Lx941hn6ItqcBlWkjDfa/rkdDPti+4tIwT4nmSP+T"
    "dGKnOjYH7lTPTuMdfs57ADwHX4YFa3lu23/pUVhfXXa/JhHvXYzOXXBM23m03FbcBs4T6D"
    "vo0S4De1AfQN8BdM3CDBwVOWno+/SKQ+aYD39cMqkEX/R18E8LVUEHUTQdGfrKH+hyVDMZ"
    "XCrXk+7lVUw//e5EYVeO3dJVovTVu4TO1o1IXwaT3yT2U/p9NFSSalzXm/wus2dCS8dUDf"
    "O7iqaRMTkoDVCLaX25mG6p9bgkaL0pWg8wiqjdf/pQ66b1iAzyX8Qg4doTmeYaR3Kz7dYG"
    "ZVdgvjGD+OGJa71FYUuj/dG0MHk0PuOVC/qAPhmiFhsHXN8PGCWaaxnYP4JeFZSGg5WFvq"
    "89Cl5no/9QBLDjWb3d6163r8gu8vdIe/qOrKmaoQJi/LUkFsEcy+LcF/34eYz1Nah86Adu"
    "M6tKjOZGgO6CZx6bEdBicKYvzY/nyRJkoEf3ldi92Z0Ch3VBaK+Wea6sd6WT68kuiPrkVw"
    "JPtk1DYSfHk3X/pmDN9mCD+lt5rk0b+vbgu1qmnoGvYiznqRkmzhb4sk3GWu72LwfDMwlN"
    "58S4M8bK7UD5oozPJAs/E/wdW3dGUOL9lrfQzNG7Aoo5SppwoV7YpbhaFhZ+IC9lOn4o0W"
    "R1bNn1qweYzhTqDNmzMhBHZaoB+bBDdwzidycFIH53kgkxuwQcgdjeYhGOgI6r5tNWWo9L"
    "VqD1ZtrUTVcyhxJIaxk4gXoM4QjXZmOrHLIRia0QbdjnAiRLA/z9zrYkS7IrVwDxjd9Mu7"
    "pxUWQjX29Z2qpOTqaHbCxzGBm3vJPHx2hBjUrJmD9kB88XOlW/7Kp9fk/L/0xQNH/L4dvx"
    "umzEvmSS+IU6T7ZNr6/xCDmdF5W9iEpbUX0x9y39rim74vT93B9ur8+/NaL3eTRwEGCnfZ"
    "6+SZmHCBrIeQpgqPbKUHl9sDiwoQAYPhzDBxi/tU9+UoTwO8nm+05SdB8bb5acoEY2vKGE"
    "gAAfFaJUj3Io1aM0peqN6VyIN3Oqa+H9oS2bC2zI5fCWR1fK8ExikoxUvR5d3Cp9Rqrapv"
    "7sTZGH5/jcp1nyDfy8HLioVE0ZcKL1edc0Mi0PpxJgJ+UEHGPeHheA++1xJtrsEh/scrmd"
    "cSkBga6ewfZt7fLdOiUo3jBSfbdeg1auXyfExEO6+n7tT9Pl+3VKUDy0q+/Xa9DK5uLHxM"
    "RDuvp+7WWZlu/WSTnxsK6+VweYlevUcSnxcK6+T8PyhsOsKVHdV00jP8EvGbxeTGiP7ntJ"
    "172SeLXydZIP+jpcfTEafgqqJzUBy6ia0+VtHan4ZUFolS1yN9LSkL/R5PwNyM3KntDFzc"
    "2C9Vuiab3I+i2fINlG7QlRGNObo2Ze5qUXfNkq9TImCnpusp6fsWVzY1qZGQcRif2lHBzV"
    "NVJXnG+QyMgpCGlCChIu08BCjnDdCAepcOXQTUgBspAs3KBk4Wh6544wsxzVSaQ5QWFOfM"
    "8xiMfU2hgPehOZO+VVgLHYSdmJWT4GLX0GaXhzcVFsQwHNnM8xu3sK8jL7CbAe3fNaEqhD"
    "x62G+/9gzVF1YjxVANbIbU0krOpO9g+6V0bOf6T35af+q1qkJuzH0CZDqCNlZ7tTz3S2RZ"
    "5fQkzA7LMa8qE8zEpmQ0WFBIS5+gD7vTldlQnzBvWFAHffMV6IO2X383ZGICDu9DNqvUjc"
    "ybUCSxlhEQlgpYBRBd6vWWDXyvsFy8Ur4PwEhjYyQjZtlwCfasngDUIiZgNtYIYVN7EGcl"
    "diNJH0YJlzCUlMXHJMyTSw5LXyT+kVK+xIrJN0/EKJTH+RiC15qn8tJ/RTWaPczQuCXu6z"
    "XIE/7P+kis3fyiBTqlNwAwG/AWTRh3KxX8EOAgfnVBJq3WbZcKKJJvumFJB/3wzG384kb5"
    "Pd1Z3R7fVGN8PJmeSfRsKWFF+NxhO2oHhhWvT3rTIefBz0upPBaHgmPWOLPBDNnWDujMm4"
    "O7zu9rxLVG2GTQcN90p/1Lu5VFjDVMnLgI08/MLk8MMtYcFFZcB241jHwC1kQ91OL7MItw"
    "BeZs0+EBjmLTfM1ykQGaZ5NEVig3EeTc6oel+vpK/N9nJPWsNgl+51ZyvYianWvdf90wqK"
    "wutXFxDd6i1sb9cq3vEd2QsJozKwlHCHpYTejehrEIM4Lh9RQgtcYVDHDuowTGftLat4jo"
    "heSiEZ4qCSHVTi5RUyQkJdmDrRSs0DXOE9rjenxuYS6fJeZoa6dhly0fO33C31NWSIw9dQ"
    "zdfgYDTfQSVRcVBJNSrR0AJpxOEMURsWR6WkYZFUmrTUke14sZnS+wjzRPdHaL1pCcDI0m"
    "Zku1WxCVFYFducZCMODwzs/0/I/kNmoWhaL5JZCHlwkAd3+GlzvycSM0OvggVxAsFd61K4"
    "fpAwwgma9SPJJNkBs2jKyeZUto8WxhLzxPzEM8NkkTHJXtkOnnck5DhIm+EpS0XzktLSiW"
    "vbNQEL7JoVdKNvjfUydOBaQMDAUC1ht7IbTAb1gVDagVAC9yy7y7fTUC/inoGhDob64Qe5"
    "fRjqddqiynOGIepdyLVC8fM+9mDYdOphsSUK7rO6hxySEocs2st47nvwu8w9fZmcm5Yygs"
    "/J489iB/96fPz27fvjN2/ffTg9ef/+9MOb9YiWvpQ3tJ0PPrHRLTZTQYraQXdGSH5ZRUFO"
    "ygkIdvV5CZFhq7iVFBcCA4kX/9O2OZcuLgUduEhijVb+TLqojIAgVz8kL9BKNxEH42z6Ii"
    "ICDAYwGMBgAINx8AkaGIyfi8EYeCu9ZQ6HEVzq5LEYJFIJ9pJs05feyXHeLfyALUw/39In"
    "Y8blajpGcK9Q1x/28pY38XEudi79kpdXXedKA99wksuBLvfGCrUc+meSL39nXCnD/mD46U"
    "xaYGNK9XBn9EaXVxeKV8ucL9g4Set97A4uWNEDIjr7rXy9GoxZgXe2GS0ZKkr/Wh0rtwPl"
    "C1UmxlNbtfAzwd/vjO7V1Xh0y6rTkcwyn1n9vtK7GAxZ2RRrOjH8tzn4Ajn2l7Zm2RxrNp"
    "8+C6XEO76zlg/PBY0la5dGOhACoAsBfU8sZzblnh3AHDQ+0DGhPN+sfZDnIMxcKzh+E9iF"
    "NqhCYHYB0tdF03qR9PW1wbnN156QhUVJzVF0+vumNj9hqQdbqTolDLpusq79vQtLHiMYE4"
    "IFshm7+mUEFrO3eIsJAaywlTjENRoFduVxDc5IXAHK3bCldg0XRfGNzz8Z59txhuMKsBX7"
    "5MD4DFT64MA6g3GxoYMTkUsOLdlhueSYBrG5Vs1WnZzY3GETaw8Lbf1MNbB92ei3k/fJYv"
    "tSFmGRtd7+rLzjcu/ixkvT+kDmiu+Ylbcg6hNe7QrSgnz29lUVESPYNGAjPCqczFwGrWAH"
    "8ArgEvBo9jj5628AsSNU0d0mRITJXYG3I0brhZAiAuQlP5JdP7lIoqWIKHknBe2I0dhtRF"
    "SI2O6oOwI0oU0IC094dNSuKIUtiQoW2/x4R5QKEoCthCd6QtmOMN1GmhIJrjopTn8c55Cb"
    "4QifTWtaYR0gNPfVT+pfbMCUWnohcEIMFqkW2TegfSsN/HUBcjnE5fS6grHS7X9j51ai6e"
    "rOUMbjkbd+wLJMqym5/zNkq3PkaDPOxGSaOkYG/1uIySWUc08F69LOumS/GUjno9FFjFk+"
    "HyT2JxneXJ4rFHwXe1qJeAG+dLYF5FZDbnUjVSFYtAUynCDDqSFgC7Jy2yV8OH5UQARle1"
    "FOUKPmc0LdB4ODQn/eZJFDj6qQLgIGDBgwbRnHwIBpngETsS4wO8nMnpFFBYGqSxwciyYI"
    "9LVy5hHEMuy9EM98q0+dhxUrNv4Co5KFn8DoO6jR55+1WQLZiARMRxyW0D9QtgSiEQlAdP"
    "MEH4weO07sgiVBJCf0yGe6ea3V0uadWVrXYqC2Qhr5ThtF7kTyVHhzfjyNJWfSf4HlP4JN"
    "7qHqS4fMebICMj37jZvzoT5ErHxvAFe/RXnDN5wUjbaEqDdEvRupCiCNgTQG0rjlpHGdjp"
    "HrjnI8osBNzXaFAn+47qg3niOiAwN6UCfJ00EJO3ItIKC1fnxaxB+itbItyNOURwSJBfVa"
    "6JapZ+C7OU87kG0y1nK3fzkYnkloOicGS85m27YrY5afzbZsx9adEZR4v+UtNFN9gjZ6pu"
    "MEuic6cVbbqifZxh6T6f1b68FDFdfWbXdw0T2/UKjGgjbujPOb629n0v3SXt0ZN8NInaUR"
    "v9PB9QYuVzb04HKBywUuV7tdroNtvtMw7rTQEmBk27Qb0jF9f5vwtBGmYObb+y4XbQQL0u"
    "NyoaqTEootw+dQQ8ll+tkU0XOyJoTN22SYdHIYoahqS8fNucJN9q4hcN5MgKsPnEMkFyK5"
    "jVQF0ApAKwCt0HJaoU6zvUuNKm0mcwx2/0quqY7COmCkt+kz32Ck29xPPNc0t/n+tAj24v"
    "HpaaHQ7WlO6PY0FcOiH1UJhP3qAqJ7VChwe5QTuD3irAg3DQfzjrjJNsYjImCNl7TGU1bD"
    "PiezH/8HdFXzGw=="
)
