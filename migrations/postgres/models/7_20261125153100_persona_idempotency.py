from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "idempotency_key" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "api_key_id" INT NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "response_status" INT,
    "response_headers" JSONB,
    "response_body" BYTEA,
    "locked_until" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_idempotency_api_key_98bd0a" UNIQUE ("api_key_id", "key")
);
CREATE INDEX IF NOT EXISTS "idx_idempotency_key_expires" ON "idempotency_key" ("expires_at");
COMMENT ON TABLE "idempotency_key" IS 'One ``Idempotency-Key`` of one API key; (api key, key) is unique and is the lock that';
        CREATE TABLE IF NOT EXISTS "persona_integration" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "api_base_url" VARCHAR(2048) NOT NULL,
    "webhook_secret_encrypted" TEXT NOT NULL,
    "api_key_encrypted" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "persona_integration" IS 'One Persona environment feeding an organization; its secrets are stored encrypted';
        CREATE TABLE IF NOT EXISTS "persona_action" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "persona_inquiry_id" VARCHAR(64) NOT NULL,
    "action" VARCHAR(32) NOT NULL,
    "comment" VARCHAR(1000) NOT NULL,
    "event_id" BIGINT NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "attempt_log" JSONB NOT NULL,
    "next_attempt_at" TIMESTAMPTZ,
    "completed_at" TIMESTAMPTZ,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "inquiry_id" INT NOT NULL REFERENCES "inquiry" ("id") ON DELETE CASCADE,
    "integration_id" INT NOT NULL REFERENCES "persona_integration" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_persona_action_due" ON "persona_action" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_persona_action_org" ON "persona_action" ("organization_id", "id");
COMMENT ON COLUMN "persona_action"."status" IS 'PENDING: pending\nSUCCEEDED: succeeded\nFAILED: failed';
COMMENT ON TABLE "persona_action" IS 'An inquiry action to call on Persona''s API (approve, decline, mark-for-review), queued';
        CREATE TABLE IF NOT EXISTS "persona_inbound_event" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "persona_event_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "object_id" VARCHAR(64),
    "status" VARCHAR(16) NOT NULL,
    "detail" VARCHAR(500) NOT NULL,
    "persona_created_at" TIMESTAMPTZ,
    "received_at" TIMESTAMPTZ NOT NULL,
    "integration_id" INT NOT NULL REFERENCES "persona_integration" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_persona_inb_integra_80ff73" UNIQUE ("integration_id", "persona_event_id")
);
CREATE INDEX IF NOT EXISTS "idx_persona_inbound_org" ON "persona_inbound_event" ("organization_id", "id");
COMMENT ON COLUMN "persona_inbound_event"."status" IS 'APPLIED: applied\nSTALE: stale\nIGNORED: ignored';
COMMENT ON TABLE "persona_inbound_event" IS 'One event Persona posted; (integration, Persona event id) is unique: a redelivery is a';
        ALTER TABLE "account" ADD "external_updated_at" TIMESTAMPTZ;
        ALTER TABLE "account" ADD "external_id" VARCHAR(64);
        ALTER TABLE "account" ADD "external_integration_id" INT;
        ALTER TABLE "inquiry" ADD "external_updated_at" TIMESTAMPTZ;
        ALTER TABLE "inquiry" ADD "external_id" VARCHAR(64);
        ALTER TABLE "inquiry" ADD "external_sync_status" VARCHAR(16);
        ALTER TABLE "inquiry" ADD "external_integration_id" INT;
        ALTER TABLE "report" ADD "external_updated_at" TIMESTAMPTZ;
        ALTER TABLE "report" ADD "external_id" VARCHAR(64);
        ALTER TABLE "report" ADD "external_integration_id" INT;
        ALTER TABLE "verification" ADD "external_updated_at" TIMESTAMPTZ;
        ALTER TABLE "verification" ADD "external_id" VARCHAR(64);
        ALTER TABLE "verification" ADD "external_integration_id" INT;
        CREATE UNIQUE INDEX IF NOT EXISTS "uid_account_organiz_37b662" ON "account" ("organization_id", "external_id");
        CREATE UNIQUE INDEX IF NOT EXISTS "uid_inquiry_organiz_75959b" ON "inquiry" ("organization_id", "external_id");
        CREATE UNIQUE INDEX IF NOT EXISTS "uid_report_organiz_5ac46a" ON "report" ("organization_id", "external_id");
        CREATE UNIQUE INDEX IF NOT EXISTS "uid_verificatio_organiz_50cf49" ON "verification" ("organization_id", "external_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_verificatio_organiz_50cf49";
        DROP INDEX IF EXISTS "uid_report_organiz_5ac46a";
        DROP INDEX IF EXISTS "uid_inquiry_organiz_75959b";
        DROP INDEX IF EXISTS "uid_account_organiz_37b662";
        ALTER TABLE "account" DROP COLUMN "external_updated_at";
        ALTER TABLE "account" DROP COLUMN "external_id";
        ALTER TABLE "account" DROP COLUMN "external_integration_id";
        ALTER TABLE "inquiry" DROP COLUMN "external_updated_at";
        ALTER TABLE "inquiry" DROP COLUMN "external_id";
        ALTER TABLE "inquiry" DROP COLUMN "external_sync_status";
        ALTER TABLE "inquiry" DROP COLUMN "external_integration_id";
        ALTER TABLE "report" DROP COLUMN "external_updated_at";
        ALTER TABLE "report" DROP COLUMN "external_id";
        ALTER TABLE "report" DROP COLUMN "external_integration_id";
        ALTER TABLE "verification" DROP COLUMN "external_updated_at";
        ALTER TABLE "verification" DROP COLUMN "external_id";
        ALTER TABLE "verification" DROP COLUMN "external_integration_id";
        DROP TABLE IF EXISTS "idempotency_key";
        DROP TABLE IF EXISTS "persona_inbound_event";
        DROP TABLE IF EXISTS "persona_action";
        DROP TABLE IF EXISTS "persona_integration";"""


MODELS_STATE = (
    "eJztXWtz27jV/iscfal3Rsn4mqROpzOyrWzVdWS/spxsWncYWoIs1hSp8uLL23f/+wvwCp"
    "IARYikRMHny25M4oDUc0Dg4MG5/LezsKbIcN73JhPLM93OqfLfjqktEP5H9lZX6WjLZXKD"
    "XHC1e8Nvq1GN7h3X1iakr5lmOAhfmiJnYutLV7dMfNX0DINctCa4oW4+JJc8U/+Ph1TXek"
    "DuHNn4xj//2bHsB83U/1fzpXEj9OIi29QMVZ92/vUvfEE3p+gFOaQ1+XP5qM50ZExTvwW3"
    "xbf866r7uvSvDUz3i9+QvMy9OrEMb2EmjZev7twy49Z68OsekIlszUWke9f2yK8jLx/iEP"
    "3g4IckTYJXpGSmaKZ5hkuhca8m1zqqOrwaqzf9sap2BPCbWCbBHr+q4//6B/IK7w4Pjj8e"
    "fzr6cPwJN/FfM77y8Y/g0QkwgaAPz3Dc+cO/r7la0MLHOAHVRjNkI3OCVBa853PNZuOblc"
    "sgjX9CFukIVwrqEMgY6ajJlqBeaC+qgcwHd07w3d8vAPZbb3T+t95oD7f6hTzSwl9L8BUN"
    "w1uHwT2CfoJ2oAGVaCMP9t9vroZssEPF5WGe6hNX+T/F0J3cwGbAnRvZebyTr30DgBfgS7"
    "AgPS8c5z8GDeve197vWcTPL6/OfHAsx32w/V78Ds4y6LvagyMCe9QeQK8A+sRGBBxVc/PQ"
    "X+A7rr5AbPjTklklhKLvo3/soCrwJKpNr0zjNZzoClQzHnzt34x7X69T+rnojfvkzqF/9T"
    "Vzde9DRmdxJ8r3wfhvCvlT+cfVsJ9VY9xu/I8OeSfNcy3VtJ5VbUrNydHVCLWU1r3ldE2t"
    "pyVB623ReoQRpfbw7ROt02adgC2REWvIlNisklO2xIfjEqbEh2OuJUFu/cFB2nTRg+0b1k"
    "zUuQZyQQ+rreYdUEAtdjMD8PVnNk4XNUxxLcN+d2e0/EJG71zFPjCG5FofVuvWrxq+LLLH"
    "nz0yN6RZqiCN9hfLRvqD+Rt69UEf4DfT8CaUAW7IfFxlutsxsP+IRlV0Nfnabe05JklYgw"
    "3/AyOA3GDx7d2c9y76HR/5e23y+KzZU5WjAt38j6fbOmJsls5C0S+/jZARg8qGfuB387qz"
    "81cOdB8869CiQEvBmb+1OFxkr2im9uD/JPJs8qSIolvqeFR3WORdcKdbyN0tdfUxbFQrdw"
    "fk3BbJOf//AoZ01H4tC7ptU98G6DjbMjj49k1vkVth0gRoKNtmrDu9i6+D4amiTRe6eWeO"
    "+t8G/e/90alioycdPSP7zoyuBH931tDMwYcSijnI2nCJXsittFqWNprpLyIDP5FoszrWHP"
    "r1A4xXCnWuOXMRiGmZekDe7tTd8AYdaE8+9LtJgJWhPfG8aj2upfW0JHACwAns1CddM9vm"
    "OcgWQ5aSAPoSSJbtkizZoVwDxLdhN7s1jMsiS329orRVk5zMueagDoOR8a93i/iYSdSiZk"
    "cqFy2WBlZ/x1f74h5fz/pP/beT/DrWkKXsSyKJXvDmyXHw/RiPhNN5UckPUXEvaijm/8pw"
    "aHZ8cfz7/D/8UV/8aA0/58FEkc8QHvP4l4i8RNRBpbfAT7KMJ3EEIrlKDw9+c/gPzxF6gV"
    "h2/acbGu5pSkaNyHMNrfJT7/HwmczFQY/kCl4AOMmNcpLBrFMe2EQATF2GqQscb8zCHJeh"
    "eI/5DO9xjuANJ1kBeBMJCQE+KEWiHxSQ6Ad5Ej1eldZh0WPhzaHdsZbI7Ijh3bm67g9PFS"
    "JJaPSbq8tv/QtCoycWwfZZXf9tPPaWrsiRm5aSz/eqkTHvG8OWHeAkAHZWTsI55uiwBNxH"
    "h1y0yS022GJOhWkpCYGu/8wi3F2JD+ucoHzTSP3DOgZNbFxnxORDuv5xHS7T4uM6Jygf2v"
    "WP6xg00YCylJh8SNc/rgM/YvFhnZWTD+v6R3WEmdigTkvJh3P9Yxpi9LYTGKn6PzWP/Bi9"
    "cHi9lNAGt++CW/daPBT6v4+LQY8dFC6vhr9GzbOagFjg9gx5ciaBXpY6brKGt05eGjx22u"
    "yxk5x75RR9pj9wjy5SYps7vTj+cHDw4dOH/YNPx4cfjz59/PP+cVbHnCaVjjT+fHh4dPTx"
    "cP/ow6eT448fTz7tx2cb+VtFhxxng1/JOUdK2/mDDwLus2ab+M3W/ALT0vAFtv0LXGqes5"
    "ZzZE4YdN12XdPn/WtoOyMO+m6zvsHXnb+0yuvrDik+ZNM642PPpfgIjx/WUXtGFOb09qiZ"
    "FcmSOEkK6jkjCnpus56fkO0wPUa4m2JKYnNb4oOmZuqavfkyHs4lIc1IQQBLHliIuWoa4S"
    "i0QAzdjBQgC8FXLQq+osNlKsJMYn7GVHeSwpz5nlMQj7C1MRqcjzvMJa8GjOUOcsus8ilo"
    "8Tsow9vLy3IJmibWYoHI03OQi+RnIiP6POhJogGdthru/40mrmro5mMNYF35vcmKFaFdyX"
    "7MrojUjaGNSTcy4dR0kGn0GXJiTamvtDjkVJ1QLSEP2C4ZjF2FH3OHd/DzNaINMmIS+sA3"
    "4JUdYCbok00LSQhz/W5+99b0NY8w39ksai8FuJv2NIPzOf44382TGjife4taL3M+51uBQk"
    "YYJQHsHTDPwI+2C+xG+dEoTVEN3KjE0FIzZNuyU4WUFIc3SAirFbSBlTRcxRp0egqh05SZ"
    "bS0UTSHiimsplomUoJfPyh652FXIIOmGFxV9+ouiO0qg+vedjH5q65SZNCsa5SEbGO2Hwz"
    "8ZJQjTCY24Ut2SaYzCDjQbv5SP/SvkMdo6p5JRa36rvzp5SaaLNu9NMSD/czsY/ThVguIO"
    "r3dm7/z86nY4PlXCup8kscn11WhM0posLRv//a0/GnwZnPfGg6vhqfKEbH2mT/wF5s4cj3"
    "rDm955cAurzXTwpOHfubg6v/3aJx1jJXsRG7n99CjJhytgwdEyYLsxrGPgFvhQ7+Yuswy3"
    "ALvMhvdAYJjvuGEeu4pwTHPalWSFcU47sTRdmJvUEIKC3FDzpxXHTo3U/AmrZJWFN2wuIb"
    "r1W9hB7kxW2Th+OgNaBhIaVEhoEDwI/wzd1F2fjxDQAlMY1FFBHablxrtlFS003RBSCEcc"
    "VFJBJYH/JSEk1KVl6BOhdYApvMGsN9jY9DSjs5GVoalchz56YakHoa+BIw5fQz1fg4u0RQ"
    "WV0OKgknpUMtGW2kR3GVPUiiCynDQEk/Gi9AKoPNuxRMoZMGUB5DzIhua4wQGYcMkIlujm"
    "WMP9HQGYOOw7CD+ENXMX5rSipGDkFmemWg9ghjQAzQY6zOu0FnfAFq9kg7QM8U2bIH7uJc"
    "/RTeQ46tzyWMFAxQrJS4M+KpiE9mSur5eGIyMKaTja47XLOFCFY/Q3eIwOLvqyab2Miz44"
    "lIND+faXzfocyktlLNCYtr1oBL5EcDcbU46f5i2QfW05evjCeS+UbJtuoSdK2Fpd0s1XOo"
    "v/zXrGt2xFU6aeTfpSoo6UueYoZJJX3DlS0BMyXcWwHpQ94vRtY7ElbhM1/iXvMV5rzxUC"
    "3rfrr7FdV5hGgoT5rjE+Lejrk7lsFmVyz4lKQyduOGs7mKxvxWTNGVTbcaa8iIIIGEvYBR"
    "VgwF+66DCE1SvWFxshhVAxYTCSaZEVQXFeHRctuormun5ichKeFAQq5Zem9bqApCvtcsTE"
    "vxoZIit7LCChs2AjrpiipY+i9uBkUIFRBqZRtgW8DNMInBNwTtuf5DbBOTVpi/afOIZocK"
    "PQCkVPm8jLl45cz6NZLmw92Chj8VCKE7BOJhjqcY6XjoeO/hZ5ZihT/qGM3xgxLNR6JfSb"
    "ydVwkav8wyu+TtTT6lcS2hsUMSWSbQ82Qo9ANNcG+UHKWcVblcOB46bi7U7ihta48Kcntb"
    "K+cB4kUFjlizxx10ntmpKCAVwmBsWHTDCxKyUjIcj1T8lL7dWwNAbGfFaHEgFipwKxE+Ko"
    "cis63Sw0w+BO1QzxLZZ3Oqg8QR8dfvwQz83kj6Jp+eZr7/ISktsAV9YBrgy4slasG7vOlQ"
    "2maLG0XGROXrHqOgzSLNOiW8Se6UlbNUzJsfoo98pEys+f1GPe4ef8/KlYMz+zZO96oOC+"
    "Pit72lIn/+qS/1AZJRXNnJK/iBuRYU0e8T+0XDK7Zp5yZy60R+QQN6WJZ9vEhWnqLQ2SEQ"
    "BfxcNy4rkI9z/BP9syiZOT/Ury9pEW/ESY+A0IeuFoYeX6SfFa6GWp42m1JGOVUZEaStfF"
    "Wb0Vwqq5IiIp5ZcENy0EixljAw8JhSIfgZOTMj4CJyd8HwFyL5vWxnxA9tIOx1pZlDNiEq"
    "Jd/94dT9ZL/EQUBlMKzBIMSQh3zc8UMUxzvHdi1lnjsyQsWQisXJ8tifFkVyI6003Nfl2h"
    "Ck5RovtXNzB7pNHAWQhqrAGsgLPBsDf6wS5LdMZQwtmPcb+XTRGBzV00VT3T1RmedsUMS1"
    "ZWQo5lRzgVhgNxnlSh9hKCik5LgppbrWZgTPnWhFyMaUvCAwZBOYMOi18Kb3ULiSWqUcO5"
    "ldGLi2xTM1gVR4AK2SQVYqMZspE5Yeew5+8qs3JrbStXm33bi+FrxM2ft50sV2SFu6VsMt"
    "tmuBh1xEDvnI/6eDa+OFVC+Tvzuj+8GAx/PVWWyJxiPdyZ51dfry/7QStrsSRsPW73pTe4"
    "JJdmmm6Qv/u/Xw9G5EJg/eArw37/4kYd9b8N+t+xMhGaOqqNnnT0fGf2rq9HV99IczzR2d"
    "YTaX/RP78cDMm1KZoYuhn+mq0nifZdGWe67QjxOWmphr472eJrfNBI5Ksw0pEQAF0K6Hvd"
    "dufTsERD3uhlA50SKrJ3dw/yAoSJucrKXO6ootFg4cLOAA/chiAeDHZskHnqTWmdQc/ki0"
    "NHBuc6X3tGFvIJtkfR+e8b2/w68dRYS9U5YdB1m3VN80oChn5GTD5Tv/4T8gQy00UP9hoe"
    "ogU9wIl5/sQ8hmt9e4XTBUxpOzGlOa/mhOuPUmJuy8jLN8nVT9CF5aAF/QRTQjCVcWJJOA"
    "Fo/Kq5KSGANQ8rBGtAsMb2F936gjUYM3ENKPeSnnZruiiLb3r9SUGLX0EZ3l5edljTcQ3Y"
    "3jpoB62IssCmVyAOsHzXDyo8FdmOZWqqNuFUJxXJBX0ddNabSDZtNJoUekjVFO0w/GVS97"
    "tFTjNmtuXKUKyeqSDTtV9JVJSmkCKOf3IU3XyHn4H/d2+9fFb2yNVukK+ZCo/Kp9es2BfT"
    "V8cLP+I4RTA46GzTQWe9JM/bye/cPMwbTvEMOYsapBD9qoZie8BEAjaA+dG6QI6D1zuRAU"
    "uJSDhmj0p5uBwVeLgc5T1cyJnoGuQrJQaEa5sJV/AC4X9du+kPAJlO2rA6heXqBZClJABR"
    "oCNbREdGe+TN8GW7Ci31/bYpHQ9N7lwgQycJYzorSKC4XbcsGUR+byJSKkEPWmi6QUqh+N"
    "W50ERf6iTbjXZvea5/zd/Vf1b2/P93kyaFHFGtPTMZI5psiCWL8+kk59AmenGxxeSixdIt"
    "mV4nQladev7HBTl1gKdqy9y4HZ4q+epy6BeF8FFCEu7+D0/KUFa4VUESHl6ibRGcKREJUW"
    "6EY2FnIhnjyZ0TQMROP7Kb+Bbtqvu/j1Mb6lzYSyr5SNQ8GwtTPiiVM6K3EYgaho12NjKq"
    "G/AlC0wckVxStIg0RTpr4xOCOqa2zfJc4M8UaSkZnCA3PV1kDfYc+MUkKUNcQqZ0R5jRUo"
    "S4Q0x0cUVTYnDg0Wb9woEHf82CAw848AB6fhfo+e1wySktMDjkrJb43HF2eDRaGxGo0U1S"
    "o9v1ItsutM1nnAHz5a2YL7nFtYyzfRgOUdHLvnzUSNvGANe/PkVOBbUNqoK01MPqJTJiRJ"
    "xPKwJ0jruQGR7cZLFAlT82AtN50JPUaBEOzNDcOkbVOOxKVrxwN14NI+si7EZWmPzj9IoY"
    "xQXcZQQoyHGsV/3kqHzKMqJE+zFVRCobSSc7XJFzUuUhxvM+kxFACIhdFzES5OmZU7WOiT"
    "8EbhB0KfUykMAXp56qC7y4Q1mxs9HSsquOtZHfiawQOYamEsqIVddKBKUbQxuTbmTFyUXa"
    "oiJEY9yFtPDYmunUsiaOk55kBYsEG1RESbJwjBQ8xCStyaT/RnUlK1zP6H5uWY8Vkfoe9C"
    "I5SLVteUK4ZN/tPFv248ywnquiFXYjO0yq7VWdsSKoRp5UE1aTjg3pXTTDsyG3zea7NqS3"
    "96WcG0hmo7AemRKIkei1iWYYpMZ7+Ow/OX5J+b2w0k83Ku/TVRaa/fhuZtnvgrJAv3QVrE"
    "kP5er+NPSYO3NmWws/sI4Q/XhDuJwHIXbKXjCqfvFL3RMXSeVZd+eKjVwyf34Oy9eH/rEk"
    "+O4RLV1e6F1jEXZpja2IsyMfLfVghscOSSIl/FDcT8FDwYNlkx4sCV/ifyuC6dXZ0lLE6j"
    "SdIymZMsuCnUhICPDRYZlYs0N+qNlhznsoOWcuizAlIiHEB/ulnLRIM370037eTast8cFt"
    "mKc3HB28g1Un1wv26+RrTN7cnp/3+xek+KPjTSYITfM1JrNWYanPBAIE22nE5ABVDeshjy"
    "m/mF5GbPMV9Tp/mXlmsBm593TD1U3nPXneXwW/BtENJgvVRurstTKCEALMmgswg1prb0TT"
    "EJO9nZhsiIHgWxVyxUBA5VKZtc6YZDkurGwOjk90FlFvbzdcN43rmoUM84KAL5SngoDzdo"
    "Fde8A5Z+6oAWmpfUmzeOdnzzJwx+EXFaGWL5Ajjy+98rcpdwLL35zvaJB1S1/tbpDyjfdF"
    "ymXh9c/pw6cqxHhD08/KHjVOu/HdoK0+pdLkniqaYqMoRS25rmX55YYec2ea1jtr+V65NR"
    "+x7WgqBEjHdzSwPPedNXtn2VNkB73h67afCphcmyquZfHz+2ZmtwhfboGoet0BIjWCP0D7"
    "/AH4h3qrvQEKjvZkOEet3xcAilHRh9TlzqiLjqiz+Fp+ml7B0ZwSkoG6bHoU795htDjYnd"
    "719eWAHDBjK8XQyYnzzbh32T9V8Psb6M4c/Dq8GpH72FjFJmtLTqCnyNV0Q2T0JxIb9A1o"
    "6hg0De9JqSnmpGCKOclPMdHatz5fz+4BTsXaQ9jmeXpsZSNspq9XNS4lCkx9WxRf5nwGGG"
    "VglHcPYWCUgVHeabzLMspbZj0TVRSRnimFleE80wKlGM+YZjSfdNsyiXO7MkOIONAqmqnQ"
    "4/ezoruO4iBsfoYUouOSDQyWndivS5cRYlX7E+7MvS/INpHbVfrD89GP6/Hgaqj+1v8RBF"
    "WZJISKBFR5uM1UuX9V3DkiEVwlo6iASdwkk0gyT96TZHieLbTzzMq1mQ5Ycwd6uH/8qcQW"
    "lDQryJdLbqbNpihsO/jG1NSXW9Zlr6gPKVSxaQ++MAPretpgCoMawJESNurgSPkmtV7GkR"
    "LoA6APtr+0baICSjaeHDJsrk4/A5k1W5GHJkwUyaBIkhSSfFrETtrUWk7nn7m5DNvmyDY1"
    "g+UPBYzCJhmFQOcBQjl0i6php8Sk2D2BL0fOeaC2xAKjfu/ix6lCzOPXO7M/GgUOHX4YY1"
    "scOuaaoy40dzJnLF+WZSDNZH8LKbmMcu6xYFPaia9slkk4u7q6TO1ZzgZZquD261kfg+9j"
    "jxvpgemVP5IMJiSVTE55zPk5B8J5LI/2BtINbIe9aSSxALA3/KlmN/fxZdgb2vQSWPAzYu"
    "C7uXq9TyBb17OloIe1GJS2KaBmD5cYrvUZSk4X4DHYHmYyP6UBNQnU5PY/pV0vzhyXz2Cw"
    "R3RpDT5/FBfyKEUhdXoKfmmTOLVYtoJeliStsDvXXGWm2yQSz1V+/px6CE/BP38qM9yGeK"
    "ZMsWFG0gkruovFHcWZzNHUM9CUtHif3Ug29QwmyTUJ61U+4nFYHOUXPLFMWF8M6YqswkCa"
    "bZI08zXMNJ5X8ziRbJsps8733mjoEzjh13Nn9n+/Hox+nIbfUDsIm/AzEjTxEikJN64ymX"
    "XRNCysYEoOVNxqFQMFxZ885aWg/HLOQoYJJQH7M4jtgR1wu8BuNLYn2lZVhPg87EZSaKkZ"
    "sk2kgl9wkkEoRIUo+WSCG7Vo2BXFfzHwQdnmdhpStVBRLGXyKBwW5FE4zOdRACubj768Vj"
    "bYhGAT7oDhUqvD9gIt7pHtzPVlDYWyv/qdSQR9o67HFGIcey/Bs9jqUxdJw5qNv8ioJOWv"
    "wejbqtHna1oIWUoCliMGCUQGtRiilAQgunqBj2aPigt7tPfdMXDLLujUZ7qa3PEn4uqQ3j"
    "pSLdRZSKnvtFXkjq2ZjsateU3fLl70X8qlXxFa7GFx3+binqheOLSIJSsh07PZ+CI21LuR"
    "H3ZNgOuvfmyjGbIRXogEfeezcvI5zzdCW0J0EEQHtVIVQBoDaQyk8Y6Txk1ujPztKGNHFG"
    "1T+VuhaD/ceAKGBclEDwzoNjdJgQ4E7MhYQEJr/fCkzH4It+JbkCdQA2bDFrptGRx8V8dB"
    "RLJtxrrTu/g6GJ4q2nShmySJxbdB/3t/RPJYPOnoGdl3ZnQl+Luzhmbqj4vQnvA8od3rhu"
    "4yqv6VU0+2jw0mHQkfbUQvVV5b33qDy94ZqRwT93Fnnt3e/DhV7j3n9c68HVJtPDP9pK3r"
    "DbZcfOhhywVbLthy7faWK5e/uaKTTm+pYzXtHnfK9c9JLeKOg4chntOJZ3dFoEr6vu8iTN"
    "HKFxTu1asiVb7C8S6CZVquPtMnWg1ZTYdUVxLNeim4wJuwEKomGbRvyE6GF4NJS93vFjFq"
    "T9mWkNr0jfBrtOaFvRCYwm3mKsANoZ0A1++GAOficC7eSlVITNJA1kzImtkWBUDWzDYuNm"
    "2a0SJMgHcG3rmtYEvi6vM9KO3YYXAU0a1uET3xTDVamTHz+xzZKFsCVnnWMKRKUHlHIbME"
    "mnb92q4kl2VUGtZPekkYZXJ1kU+UWW/Xq+MxUvkwGToO94REakWKzKi4Ju5ETXaS0ccSUj"
    "KQJ3MbDIxglVooTitanJZ+OQGgM2Ib9O3obATuk1LOTicFzk4neWcnZJJfzi9xxmde8pLA"
    "wFRgYHawjlI4AgRHf6c/JJ5KpE5SIH9nXgxuwktT3Un63LrrUmALCJG+sYSE8339tMiSuB"
    "xanqOKI80QBSJKGHHVz3yNnDXokeKegCVpM0sy03QD/1bV0cPFRETxOWHQdZt1HS2p6ySV"
    "T4uCnndCzzbSHMGdU15UvrUUPNvh0LSOQ9P1D5RqP0cCrTc1vea8JuFcCc6Vtm+obDaeAY"
    "vpxGOwqvt5eGR0EXRXxg19V+Bv1Fs4Cxv/MI5GduWhnDqlW688nbsyUXBUFp6UKa6lWPha"
    "2FtXedbdOWlhvyqa66LF0v2s7MV3fdFfFN1RAl3mz+iaeADTp5k6lPSFWL7MqQO8hFQ10Y"
    "urhg8vWeMui/aKUndkrSk+OyRvu8ZjcU9wctiSk8N42OWnU/2B7/lFSclkOfz58PDo6OPh"
    "/tGHTyfHHz+efNqP8c7fKgL+bPArwT5lGjI8wnwYRZMnpKWA1C9BMd9bU0aA/hjPOmyIo/"
    "ZSgFu05en/Pi4+Nox3PJdXw1+j5tmzxJ0/Nlwic0ogFNNA57o/vPCrd4byd+bN7fl5v39B"
    "zg0dbzJBaEoOE7/0Bv5RIqGp23KQGJoODD1xZ31aZHOz/n6rV9YcoKphPeQx5fssZMQ277"
    "DQ+cvMM/0ssMq9pxuubjrvyfP+Kvg1tNaNIWsp55RTTJExxOHUoT20GOMkUbedWGNrsaLs"
    "HkDrbdZ6uLtc71AxIwuabrOmDQ1/nMi2LUZBA75Jn5aS4Sxx03Y9nC3ybcndPGWCs8W3qH"
    "U4W2zDdjFixYXATQsBrnBm26L64dRhVkWUqYA+SQFOf8itirO07MeZ4a8K+bPd6F638FCX"
    "btVkqalVx5O4w4cHUn+yu/qMMnxnNZLpwvnkBpdFKFle4gygkczi1HgvCzElIsM2GtJ0Bc"
    "nAJ67+JJoJvDV+z1NbmzE2qPxjl1gAIkQrHK0svXuM1Bxv8p+Q7TBNbO4KyJSFvEH5nSLw"
    "bnyod5OBAd7tLWodeDfgh1oO9lZ8+m2vao70iJcYeTKBnpoYQhupJqC+JRaXLGBtghMj46"
    "uAFguH32pmTLW9cinS/UgE3FixZkEAQtiBEg4HZWbZ/g3fJ/hU2YsadKMWZcMdmngIO+SB"
    "Ygcpw180/MFAmoNUz3RJdcXuSn4P/zyxaIdKgRbkaTZyg3gWoBFbQCOKb0+rbkrbNnHWns"
    "0WAkcoWCFwRFLy1rv/N5q4AUoCUGflJAS7/noLEWhCK2BaSKY5pT4CkZhKQqBSEsDI5gEN"
    "aqC9imGaFgJY87BO0RLPLOURjdtDMFIWyh05dFwv7q41p4625blCZkEsIN/BeSPeCY6LWC"
    "UB+ce6sQAc61Y41hUOroC4igpxFTSVlcO8+KgvIwpxS+052suf6O5uxPV+ewwbCOZ9Wx8N"
    "OL/wP63ddIMo4/wy083ANWyd2O2UKHzdbf66wd2l8TCz6MhZLM4sLQXIgiNRmwLNKBeCqp"
    "FmVFeSQpz5ltsYaxa5IxX41lAeSyX8a6jD+3oj0Nj+K1mfFfDtAN+OXVva0gcxxIpmr2QF"
    "ITUpKSBgKxCwsOvlj3V5d71gq2/IVgcDUhIDsodsfTJn2Y3hnUJzUUvaNJmmAKzBVliD/F"
    "N5vjkog5/e4clJmYP5kxP+wTy5l0l2iz8qAYTD5hKie1DK7eGgwO3hIO/2gJ/oIlMonp0S"
    "Actb0PLOWQqbXMz++H/TmFrV"
)
