from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "webhook" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "url" VARCHAR(2048) NOT NULL,
    "description" VARCHAR(500) NOT NULL,
    "enabled_events" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "secret" VARCHAR(64) NOT NULL,
    "previous_secret" VARCHAR(64),
    "previous_secret_expires_at" TIMESTAMPTZ,
    "failing_since" TIMESTAMPTZ,
    "disabled_at" TIMESTAMPTZ,
    "disabled_reason" VARCHAR(16),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_webhook_org_status" ON "webhook" ("organization_id", "status");
COMMENT ON COLUMN "webhook"."status" IS 'ENABLED: enabled\nDISABLED: disabled';
COMMENT ON TABLE "webhook" IS 'Where an organization wants events posted, and the secrets that sign them.';
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "event_id" BIGINT NOT NULL,
    "event_name" VARCHAR(64) NOT NULL,
    "body" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "attempt_log" JSONB NOT NULL,
    "next_attempt_at" TIMESTAMPTZ,
    "first_attempted_at" TIMESTAMPTZ,
    "delivered_at" TIMESTAMPTZ,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "webhook_id" INT NOT NULL REFERENCES "webhook" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_webhook_4bc079" UNIQUE ("webhook_id", "event_id")
);
CREATE INDEX IF NOT EXISTS "idx_webhook_delivery_due" ON "webhook_delivery" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_delivery_org" ON "webhook_delivery" ("organization_id", "id");
COMMENT ON COLUMN "webhook_delivery"."status" IS 'PENDING: pending\nSUCCEEDED: succeeded\nFAILED: failed';
COMMENT ON TABLE "webhook_delivery" IS 'One event posted to one webhook, with every attempt; (webhook, event) is unique.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "webhook";
        DROP TABLE IF EXISTS "webhook_delivery";"""


MODELS_STATE = (
    "eJztXW1zo7iW/iuUv2ymyncqcZJO38zWVjmJu8d7EzvrOOmeO7lFYVuOucHg4SWJd3b++0"
    "q8GAECIxswqM+n7oCOwM8R0tFzXvRna2nMkGb93J1ODUe3W5fSny1dWSL8n/itttRSVqvw"
    "BrlgKxPNbatQjSaWbSpT0tdc0SyEL82QNTXVla0aOr6qO5pGLhpT3FDVX8JLjq7+4SDZNl"
    "6QvUAmvvH7v/BlVZ+hD2QFf65e5bmKtFnkZdUZebZ7XbbXK/daX7e/uA3J0yby1NCcpR42"
    "Xq3thaFvWqve678gHZmKjUj3tumQ1ydv5//Q4Bd5bxo28V6RkpmhueJoNvVzJ3J4rSXLg+"
    "FYfuiNZbnFAdDU0Am4+FUt99e/kFf4W+fk7OLs8+mns8+4ifuamysXf3mPDoHxBF14BuPW"
    "X+59xVa8Fi7GIagmmiMT6VMks+C9XigmG9+4XAxp/BPiSAe4UlD7QG6QDpocCOql8iFrSH"
    "+xFwTf4+MMYJ+6o+tfu6Mj3Oon8kgDfw7eZzLwb3W8ewT9EG1PAzLRRhLs/34YDthg+4pL"
    "wjxTp7b0f5KmWomBzYA7MbKTeIefcwWAZ+BLsCA9Ly3rD42G9eiu+z2O+PXt8MoFx7DsF9"
    "Ptxe3gKoa+rbxYPLAH7QH0PUCfmoiAIyt2EvobfMdWl4gNf1QyrgRf9OfgPw1UBZ5EldlQ"
    "19b+RJehmnH/rvcw7t7dR/Rz0x33yJ2Oe3Udu3r0KaazTSfSt/74V4n8Kf1zOOjF1bhpN/"
    "5ni7yT4tiGrBvvsjKj5uTgaoBaROvOaraj1qOSoPW6aD3AiFK7//ah1g3zRdHV/1UIJEx7"
    "ItVcY0hut92aoOwCzDdiEM9fmdYbDVsS7S+GidQX/R9o7YLex2+mYIuNAa6/DxjGumsY2H"
    "8Foyq4Gk5WpvK+2VGwBhv+D0YA2Z7V23247t70Wi7yE2X6+q6YMzlFBar+h6OaKmJYFle+"
    "6Jd/jJC2AZUNfd/tZl2I0VwL0F3wjI5BgRaBM3lr2VnGryi68uL+JPJs8qRgw7pS8ahusb"
    "ay3p125k52pcqvfiPYyTZpKmxn7GTdfxOwpu9gg/Y77VzrNvVVsHc1DS0F357uLBMrTJQt"
    "8GXrjHWre3PXH1xKymyp6s/6qPfU733rjS4lE72p6B2Zz3pwxfu7tYNmTj7lUMxJ3IQL9U"
    "JuRdWyMtFc/eAZ+KFEndWx49AvHmC8UsgLxVrwQEzLFAPyYafuCMSfznJA/OksFWJyCzgC"
    "sXeLeTgCPK8arztpPSpZgNbraVPXXckMSiCpZeAEyjGEKa7NQiYfspTETojW7HMBkqUG+/"
    "32riRLfCgXAPGj302zhnFeZKmvl5e2KpOTuVYs1GIwMu71dhYfMw1aFErG/N6y0XKlYfW3"
    "XLUvJ/j6v2IUzZ+t8NexhixlXxJJ9IE3T5aF72/wCDmdD5n8EBn3Ivti7q/0h2bLFce/z/"
    "3DHfXZj1bwc150FDjY8ZjHv4TnJYIOMt4CGKpKGSpvDOYHNhQAw4dh+ADjt9mTn+Uh/M7S"
    "+b6zBN1H5huH4dRIhzeUEBDgk1yU6kkGpXqSpFS9OZ0J8XZOdSNcHdotY4X0Fh/ereF9b3"
    "ApEUlCqj4Mb596N4RUtQztzVsiD8/xuW/jsA38rBg4WqqkCDjRxrxrGhmmhxMH2HE5AeeY"
    "004OuE87qWiTW2yw+WI7o1ICAl08g+3b2vzDOiEo3jRS/LDegMY3rmNi4iFd/Lj2l2n+cZ"
    "0QFA/t4sf1BjTeWPyImHhIFz+uvShT/mEdlxMP6+JHdYAZ36COSomHc/FjGtIbDpNTIrs/"
    "NYn8GH2k8HoRoQq375xb90L81b3v42zQN+7q2+Hga9A8rglIo6rPkLc0RUYfKxU32SF2Iy"
    "kN8Rt1jt+A2Kz0BV3c2CzI3xJN63nyt3yCZBe1x0RhTq+PmlmRl57zZafQy4go6LnOen5D"
    "psX0aaVGHFAS1YUcnJQ1UxccbxCLyMkJaUwKAi6TwEKMcNkIB6FwfOjGpABZCBauUbAwHd"
    "65J8wkRnVMdScozLHvOQLxCFsbo/71uMVc8grAWOyg7NgqH4EWv4M0eLy9zVdQYGosl4g8"
    "PQE5Tz0BMqKvvZ4EGtBRq2HybzS1ZU3VXwsAa+j2JhJWZQf7B8MrJeafGn3Zof/ylGoJ9R"
    "iaZAi1pfRod7wzXewQ5xcTEzD6rIR4KA8zzmgoWkhAmIt3sE+M2ZrHzRu0FwLcqn284HdK"
    "H+fN9ECA3+lH1Hoev5NrBXIZYZQEsFLAqALvVy+wS+X9gnTxAjg/gaGlZsi6VQnwqZYU3i"
    "AkYrbQBkbYcBtr0OpKhCaS5qaxlBSJiEu2IRk6krxefpGOyMW2RAZJ278oqbOfJNWSPNX/"
    "3Irpp7BOmcULglHus1zBftj/Eys2u5RBqlQ7ZwEBvwPFxC/lYr+GCgIH51Riat0lbTjWRZ"
    "33phiQ/3nsj367lLwiu+tnvXt9PXwcjC8l/zQSklJ8PxyNSULxyjDx30+9Uf9L/7o77g8H"
    "l9IbMtW5OnUXmGd9POoOHrrX3i2sNt3Ck4Z752Z4/XjXIx1jJTsBG3n4xOTww+Ww4GgZsN"
    "0Y1jFwC+lQN3OXmYdbgF1myXsgMMwbbphvQiBSTHM6RGKLcU4HZxRd1yu+1ya13OPWMNil"
    "lVa2gkpMpdZe908ryAuv31xAdIu3sL2qVazjO9ITCWkZSCXcI5XQexD+Gaqu2i4fwaEFpj"
    "CoYw916Ia92S3LaKmoGpdCUsRBJXuoxIsrJISEvDI0dcq1DjCFK8w3x8amo2itSlaGsqoM"
    "uej5JXe5voYUcfgaivkabKQs91AJLQ4qKUYlU2WlTFWbMUVtSY5KSEOSVFr2mQeVY1oGTy"
    "FhpiyAnARZUyzbc4BxF2tmiVbHGh43BGDFnC7U3VKPY6KQelyfiC4G2Q4ulh/QxQLhm6Jp"
    "PU/4JgQbQrDh4ZfNao99JoZeAVmHAsFdbr4hfpqzROa9Yan+Cyc9lPE27Uwvpd9aXtHNtw"
    "YS/mq841umpEgzxyR9SUFH0kKxJDLJS/YCSegNb7YkzXiRjkhAoInFVrhN0PinZDRhoT3v"
    "kQx5WF+egOecprtN3S2jq0/msnmlvmTvNmlRYbaaf+90Tk8vOsennz6fn11cnH8+3qyeyV"
    "tZy+hV/ytZSSPaYZyeCCbrD2KyJgyqwwTa3AQBpowl7IYKPk1fuugQ1e0r1hcTIYkwt36g"
    "um6QFUGy1paNlm1JsW1lukAzErruBbEnl6bduoCE/HoF6eBfjTSelX0jIGAgSSlhOrwFqY"
    "P24IDawwEFTKNoC3gephE4J+CcDj/JVcE5lWmL9t5SDFHvRqYVit6qqNm07ZTkfCmN3kaZ"
    "HIqschzKbDnRXLngb55n+jIZD+UygrMoAcHs4Ep4AAhpr5AIo4KunW2JrCmB105zsldrE8"
    "dITVv5raSoEBhIrFCW6S7n2EalYADnCcSd8p9hS8sICHLxU/JKWWuGwsA4nb6gRIDB2IPB"
    "8HGUU49reFgqmpY6VTPED3h2w8neE/Rp5+LTZm4mf2RNyw933dtbyPAHUqgFpBCQQrVYN5"
    "pOCvW9YjstBi0U3GpnEUMq1QjKeTfpS29n8CEmmiMT4c+X+3DyqFxJJzkfLkyoFE+il2HO"
    "xnl7ja9QusJkT99wavGB3roe9bDlcHMp+fLP+n1vcNMffL2UVkifYT0869fDu/vbntfKWK"
    "7IPInbfen2b8mluaJq5O/e9/v+iFzwjpfFVwa93s2DPOo99XvfsDIRmlmyid5U9P6sd+/v"
    "R8Mn0hzPZKbxRtrf9K6xLUmuzdBUU3X/1xy8RgH5F/dmWgxrNpuRDKXEO0G9lA/PBY0E13"
    "EjHQgB0LmAnqimvZgxj28iGzQ20BGhrL1Z8yDPQJhsreAE9BoRNsAupM8c4rILECksmtbz"
    "JLdtDM5dvvaYLKQs10fRye8b2/wqIdB3UnVCGHRdZ1375aM5T3KOCEH5jBS3S4qvNr3Kbk"
    "QIYIXTXMCvUSuwC/drMGbiAlDuhj01a7rIi290/Uk5YpgxHReArdiHN0dXIO6zm8t0xg2o"
    "mpothkcucr+d5ZbT4y23H5qjS0i3zbVkzCVFIkUM/8OSVP1v+Bn4n4nx8Yt0RK62vZz07L"
    "Ny9uuLWQfc8QflJg0aioAf0kO4WyL7YXLYBQlfh3D1SmIjqz85pGYLadEbmiWyLLze8QxY"
    "SkTAMXuay8V2muFiO0262AgpuwOVRYkBiVVnEgvcUOlfVzMdEhDkWofVyS/XzoEsJQGIAr"
    "1WI3ot2CNXw/80FVrq+61TJDZN7twgTX1D7LBsZrt2XjKI/N5QZCsrNNSR5B7uEhx2bKKp"
    "ulJJUUJlYji2e83d1f8iHbn/tsMmmRxRoT0zGSOabNhIZp+kHMbS6ujDxhYTOdmO/JunBk"
    "CArDxz3I+riBIAwFMBT9Vcnir86hLoZ+UQUEIC7v4753koK9wqPcD2PK3GAg/OlIiAKJfC"
    "sUyMGeO8mzGe3FMimP32QuCbtavufR9HNtSJuNvNpvp2OPgaNI8H4+bPikkZ0YfIhPHzVl"
    "qVjOris018E4eBc3pkFCUiTCHiYg8VQqbJ8sSnzxRRKRGySqqeLuIGewL8bJKUIS4gU9oQ"
    "ZjQXIW4RE51f0ZQYODzqrF9weKSvWeDwAIcH0PNNoOcPwyVHtMDgkONaSueO48MDinw06s"
    "NvZ1CjcPZPmSnvYL78KOZLYnFNn/MTmRB7niqXPwuibmMgbaGNklMrVX5F631BWqnYfhEV"
    "IzibcCs8uMmSHKFUAEzXXk9Co0U4MIxFEaNq7HclKl7B4Vx7QkWfBCYiTK47fU+MNodUiA"
    "iQV0VR3feToyo2iogSHce0J1LxTDrR4QqCk/YeYmnRZyICaKKVYe47b43cTkSFyEbKck+A"
    "xrgLYeExFd1SpgVMWOOwJ1HBInG5e6IkWORyBB4yexe0+j1RXYkK1zuaLAzjdU+kvnm9CA"
    "5SYdaBD5fohsG7Yb7ONeN9X7T8bkSHSTadfWesAKqRI9SEVaYP0Dc8Gd6/0CRN9/uZYRvw"
    "+FU1Tsov60+U6iGUQDcrIj8iJkQ0c+mHHjavpv9ukcytZAX/Ua9789ulRLx862e9NxoNvU"
    "r9JLwV1aTK/kKx5KViTxeMdckwNKTo7G8hIhdTzgQLlqWdzZVqowavhsPbiOv1qh+PxX28"
    "u+ph8F3scSPVC4BJBkZ7ExJUMYcq5jVThWDhCBBNCdGUNQFbkGhKl6Fm7KMC5jp9F2UHLQ"
    "rdQ/2eGGbui0FBxB83mvLQsyrEU4IBAwZMU+YxMGDqZ8DQ9TKXE2RaC3VVgGf9zu1MIOhL"
    "5cwpxFLsvRDPbKtPXoYNCzb+AqPSrfYFRt8hjT5X01zIUhKwHEE5xuoX+GD22HNhFyxqK7"
    "6gU58plF0UuuwiHVjHWvOjcXcZi/4H5McKtriHqud2mbNkBWR6qvWbs6E+hK+8MoBPOzkA"
    "Pu2kF7HrJM8JmCMT4YWIaWVlBYFE5USoUVUBbQleb/B611IVQBoDaQykccNJ4zI3Ru52lL"
    "EjCrap6VuhYD9cttfbLR8PDOhh66u7OuCwIzcCAlrrpZT2hsCCci1009BS8N0epx3I1hnr"
    "Vvfmrj+4lJTZUtVJcPZTv/etNyLx2W8qekfmsx5c8f5u7aCZEgpTv+F5Qpmommozaq7nU0"
    "+8jwqD6f1Ha8FL5dfWU7d/27267WGNBX0861ePD79dShPHWj/rjwOqjaNHn3RwvcGWKx16"
    "2HLBlgu2XM3ech2sOl3NuNNcGcCKZeFhiOf06qrUNRGmYOWrvAxUE8GCKlBccEE0YSZUZT"
    "JokTIrDCYtXoYlnVF7i7eEKIMm2XHtDAKNVi13mAFTuM5kBMQZ1BPg4uMMwPENju9aqgJY"
    "GGBhgIVpOAtTptke1PxjWOxUOcB0Y/2darT1gPVv2AZHkqJLNCjSu4Ih9U4/tyQySaBZGz"
    "eaSdhklyyE52h83V4otkT4FXJ1mTxhvdiut+8bIiepM3TsG1BEastJ6kFZQtyJHJpdwcfi"
    "uv7hPPXDbFcck8vb7zcX0GLuHJ99zuWMPvuc4Y0mN6OWG/1yHEDHxCr0dHI6OHeE+zyX6/"
    "88w/V/nnT9I5388pmcdj5B+jYlKQnblT22Kw2sluePAF73fm9A/PakGp4n/6zf9B/8SzPV"
    "Cvs8uCPfswW4GJKNhIDzffEU1IoE4BiOJfMjzRAVLx+jdMRlbIaqeFbagSXJ7gkOlq7zwd"
    "JzRdXwb5Ut1V9MeBSfEAZd11nXwZK6wyceEwU9N0LPJlIszp1TUlS8tRTiPMHDUISHwVnN"
    "dtR6VBK0XhetM6bXRAwR+JXAr3R4Q6Xa6F44EumgsXNx2NKdcTSyW51ywUlX63zeuaGOPF"
    "eZ7ymTbEMy8DW/t7b0rtoL0sJcS4pNDk62f5GONndd0Z8k1ZI8XSZ9dGU8gJk7SzklXSHy"
    "fcQzZyMOvJBU1dGHLfsPJ8s3hwMvQFueOSjDhUfWmmzfIXnbHR6LewLPYU08h5thl5xO1Z"
    "dUdGkpkSyHv3c6p6cXnePTT5/Pzy4uzj8fb/BO3soC/qr/lWAfMQ2TZRU9GHlTiaNSQOrn"
    "oJgnxoyRrjrGsw4b4qC9EOBmbXl638fZbsPNjud2OPgaNI/7EhvvNizskK2Hx+vrXu+G+A"
    "0tZzpFaEaciV+6fdeVSGjqujgSfdOBoafUWZ8WqW7WP671ypoAVNaMlySm6TELMbHqAxZa"
    "/zl3dLcmojRxVM1Wdetn8rz/4vwaahvGELeUE8rJpsgY4uB1qA8txvAkqqa10dhOrCi7B9"
    "B6nbXu7y53cyrGZEHTdda0puCP0z22lMekj0qJ4Eus2q4H32K6LdlMLxP4Fn9ErYNvsQ7b"
    "xYAV5wI3KgS4gs/2wD5bxoguAGUqoU9QgKMfcq3yLA3zda65q0LStxvca2c6delWZZZE2e"
    "aexB2+vJDT2NrbfZT+O8uBTBv8kxUui3CAbw4fQCl1dqnxnhdiSkSEbTTUtPFK405t9Y23"
    "Lm5t4p5npjJnbFDT3S4bAcgQ3cO1snImGKkF3uS/IdNimtipKyBTdqctTd0mlIJ3isC7pU"
    "PdTAYGeLcfUevAuwE/VHOwDxLTbzr7VgwOeImRIxLokYnBt5EKAuoptLhEAasKToyMrwxa"
    "zB9+25kx2XTyFQx2MxFwY8mYewkIfgeSPxykuWG6N9yY4EvpKGjQDlrkTXco4yHslAeKHa"
    "QMf970Bw0pFpId3SZnjbW38nv4523JdgBar0paj3+7uO8msW4TWdG7REjkgESOGsBfNpnq"
    "TP6NpraHEgfUcTkBwS6+WHgAGtcKGBUSaU4pjtAjpgsXqJQEMKRJQL0TetZ8mEaFANYkrD"
    "O0wjNLfkQ37SE5KA5lQ5yAu+XB1cYLaBqOzWUWbATEc2SXEi1g2Yh1YFW6m3UjAG7WPdys"
    "3MkOkOewR54DTS0lMM92vcVEIY+oPq62pIcV/OrpS0kzPax5/OpzVfeiTnZJC42Iwtdd56"
    "8bPOmlZ7AE3iy+FJaoFCALMQp1ymGhvJP7JrFQXQkKcexbrmMaSxDpkOG2p4IhcrjuKT9k"
    "scktbNd43B0ObmpwUzdtaYtyysSKZq9kGdH6ESngkuAMWtj1cu16wVavyFYHA1IQA7KLTH"
    "W6YNmN/p1Mc1EJ25SZAQ3WYC2swXQHY7o5KELIUef8PI+P8fw83cdI7sXqaOKPigNhv7mA"
    "6J7k8uCeZHhwT5IeXPxEG+lcqbKUCFjenJZ3wlKocjH76/8BXau55A=="
)
