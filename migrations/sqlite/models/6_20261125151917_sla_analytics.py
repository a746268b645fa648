from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "sla_timer" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* WARNING: warning\nEXPIRY: expiry */,
    "due_at" TIMESTAMP NOT NULL,
    "deadline" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "case_id" INT NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_sla_timer_case_id_90976b" UNIQUE ("case_id", "kind")
) /* A warning or expiry that fires at ``due_at`` for the deadline it was scheduled for. */;
CREATE INDEX IF NOT EXISTS "idx_sla_timer_due" ON "sla_timer" ("due_at");
        ALTER TABLE "case" ADD "sla_breached_at" TIMESTAMP;
        ALTER TABLE "case" ADD "sla_warning_at" TIMESTAMP;
        ALTER TABLE "case" ADD "sla_order" BIGINT NOT NULL DEFAULT 4611686018427387904;
        ALTER TABLE "case" ADD "sla_paused_at" TIMESTAMP;
        ALTER TABLE "case_template" ADD "sla_seconds" INT;
        ALTER TABLE "case_template" ADD "sla_paused_statuses" JSON;
        ALTER TABLE "case_template" ADD "sla_business_hours" JSON;
        ALTER TABLE "case_template" ADD "sla_warning_seconds" INT;
        CREATE INDEX IF NOT EXISTS "idx_case_org_resolved" ON "case" ("organization_id", "resolved_at");
        CREATE INDEX IF NOT EXISTS "idx_case_org_sla" ON "case" ("organization_id", "sla_order");
        CREATE INDEX IF NOT EXISTS "idx_case_org_state" ON "case" ("organization_id", "state", "status");
        CREATE INDEX IF NOT EXISTS "idx_case_org_breached" ON "case" ("organization_id", "sla_breached_at");
        CREATE INDEX IF NOT EXISTS "idx_event_subject_name_at" ON "event" ("subject_type", "subject_id", "name", "created_at");
        CREATE INDEX IF NOT EXISTS "idx_event_org_name_at" ON "event" ("organization_id", "name", "created_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_event_org_name_at";
        DROP INDEX IF EXISTS "idx_event_subject_name_at";
        DROP INDEX IF EXISTS "idx_case_org_breached";
        DROP INDEX IF EXISTS "idx_case_org_state";
        DROP INDEX IF EXISTS "idx_case_org_sla";
        DROP INDEX IF EXISTS "idx_case_org_resolved";
        ALTER TABLE "case" DROP COLUMN "sla_breached_at";
        ALTER TABLE "case" DROP COLUMN "sla_warning_at";
        ALTER TABLE "case" DROP COLUMN "sla_order";
        ALTER TABLE "case" DROP COLUMN "sla_paused_at";
        ALTER TABLE "case_template" DROP COLUMN "sla_seconds";
        ALTER TABLE "case_template" DROP COLUMN "sla_paused_statuses";
        ALTER TABLE "case_template" DROP COLUMN "sla_business_hours";
        ALTER TABLE "case_template" DROP COLUMN "sla_warning_seconds";
        DROP TABLE IF EXISTS "sla_timer";"""


MODELS_STATE = (
    "eJztXelzo0iW/1cIfdnqCE2HLZ/t3tgI2VbVaMcl1cpyVfe0J2gkpSzGCNQcPra3//fN5E"
    "wgQaRACLLeJ1uQL4Hfy+Pd+WdnbSyQZv3Yn88NR7c7V9KfHV1ZI/xP8lZX6iibTXSDXLCV"
    "mea2VahGM8s2lTnpa6loFsKXFsiam+rGVg0dX9UdTSMXjTluqOpP0SVHV/9wkGwbT8heIR"
    "Pf+O1f+LKqL9AbsoKfm2d5qSJtEXtZdUGe7V6X7feNe22o2x/dhuRpM3luaM5ajxpv3u2V"
    "oYetVe/1n5COTMVGpHvbdMjrk7fzPzT4Iu9NoybeK1I0C7RUHM2mPncmR9c6sjwaT+X7wV"
    "SWOxwAzQ2dgItf1XK//om8wt96x6cXp5cn56eXuIn7muGVi7+8R0fAeIQuPKNp5y/3vmIr"
    "XgsX4whUEy2RifQ5klnw3qwUk41vki6BNP6EJNIBrhTUPpAh0kGTA0G9Vt5kDelP9orge3"
    "SUA+zX/uTm7/3JB9zqB/JIA08Hb5qM/Fs97x5BP0Lb44BMuJEG+7/vxyM22D7j0jAv1Lkt"
    "/Z+kqVZqYDPgTo3sNN7RdK4B8Bx8CRak57Vl/aHRsH743P8lifjN3fjaBcew7CfT7cXt4D"
    "qBvq08WTywB+0B9BKgz01EwJEVOw39Lb5jq2vEhj9OmWSCT/pj8E8LWYEXUWUx1rV3f6HL"
    "Yc10+HlwP+1//hLjz21/OiB3eu7V98TVD+cJnoWdSN+G079L5Kf0z/FokGRj2G76zw55J8"
    "WxDVk3XmVlQa3JwdUAtRjXnc1iR67HKYHrTeF6gBHFdv/tI64b5pOiq/+rEEiY8kSmuMag"
    "3C67tYHZFYhvRCBePjOlNxq2NNofDROpT/o/0LsL+hC/mYIlNga4vh4wTnTXMrD/CkZVcD"
    "VarEzlNdQoWIMN/4MRQLYn9fbvb/q3g46L/EyZP78q5kLOYIGq/+GopooYksW1T/rxHxOk"
    "haCyoR+63bxXIjQ3AnQXPKNnUKDF4EzfWvfWySuKrjy5n0SeTZ4UKKwbFY/qDkuV9e50cz"
    "XZjSo/+41Ak23TUtjN0WTdvylYszXYoP1OmmvTlr4adFfT0DLwHejOOrXDxK0FPm2Tse70"
    "bz8PR1eSslir+qM+GXwdDr4NJleSiV5U9IrMRz244v3u7MCZ4/MCjDlOinARX8itOFs2Jl"
    "qqbzwDP6JoMjt2HPrVA4x3CnmlWCseiGmaakA+7NIdg/j8tADE56eZEJNbYCMQW1ssYiPA"
    "66rxvBPX45QVcL2ZMnXTmcwwCaS5DDaB/QjClK3NQiYfshTFTog2bLqAkaUB+n53VyNLci"
    "hXAPGD3027hnFRZKnZy2u22qdN5kaxUIdhkXGvd/PsMfOgRaXGmN86NlpvNMz+jsv29Qxf"
    "/1fCRPNnJ/o61pCl5EtCid6w8mRZ+H6IR2TTeZPJh8i4F9knc7/SH5odlxx/n/vDHfX5j1"
    "bwc550FDjY8ZjHX8LzEkEHpd4CP8nQXvgRCOhKPdz7Zv8fx+J6gZB296drCu5pQUYNz3M1"
    "pfRTZ3j4zFf8oAd0OS8ANslabZLeqlMc2IgARF2GqAs23tAKc1rExHuabeE9TRl4/UWWA9"
    "6IQkCAjwsZ0Y9zjOjHaSN6uCvtYkUPietDu2NskN7hw7sz/jIYXUmEkpjR78d3Xwe3xIwe"
    "SQSHt+q6b+OwVbq8qEeaak8xj6KNeVcYNkwPJw6wk3QCrjEnvQJwn/Qy0Sa32GDzRfPGqQ"
    "QEunqfha9d8Q/rFKF4y0j1wzoEjW9cJ8jEQ7r6ce1v0/zjOkUoHtrVj+sQNN7sixiZeEhX"
    "P669uGL+YZ2kEw/r6kd1gBnfoI5TiYdz9WMaEloOk0Uku5+aRn6K3jLsejGiGtV3TtW9kg"
    "iFwS/TfNDDAIW78ehT0DzJCUica86QJz4J9LZRcZMdonXS1BCx0+SIncjvlWL0tfqU6bqI"
    "kdXnvTg9Pz4+vzw/Or487V2cXF78dHSa5HFGk1IujZ96vZOTi97Ryfnl2enFxdnlUejbSN"
    "/Kc3JcDz8RP0eM22nHBwH3VTF1/GY7zsA4NczAps/AjeJYOwVHpoiB103nNe3v34HbCXLg"
    "d5P5DbHu2VuruLHukA8vGtcZkz2VD++7H3Zhe4IU1vTmsJmVyRIFSXLyOUEKfG4yn1+QaT"
    "EjRjKVYoqiPpX4eF8rdcXRfIkI54KQJqgggSUNLORc7RvhILWAD90EFSALyVcNSr6i02VK"
    "wkxyfqZUd4LCnJjPMYgnWNqYDG+mHeaWVwHGYie5JXb5GLT4HaTRw91dsQJNc2O9RuTpKc"
    "h56jOREX3j9STQgI5LDbN/o7kta6r+XAFYY7c3UbEiZleij5klkbrXlCnpRiSc9p1kGkzD"
    "jFxTapbmp5zKc6ol1AFrk8DYlbJz7rAGv9oh2yBBJmAM/B6isj3MOGOyaSIBYa4+zG9mLN"
    "7TCGcHmwXthQC37kgz8M9lj/N2emrAP/c9cr2If86VArmEMIoCrHdgeQb7aLPA3qt9NChT"
    "VIFtVGBoqRWyadWpfJNUht0gMlhtMRsYUcNtVoNOXyLmNGlpGmtJkQi5ZBuSoSPJ6+Vn6Q"
    "O52JXIIOn6FyV18YOkWpLH+h87Cf5U1imzaFYwyn1rYKAP+z8xY/NLaGVSdQuWMfI7UEz8"
    "Ui7271DH6OA2lQRb06r+9uIliS6arJtiQP7nYTj59UryDnd4f9T7Nzfjh9H0SvJPwSOFTb"
    "6MJ1NS1mRjmPj318Fk+HF4058Ox6Mr6QWZ6lKduxvMoz6d9Ef3/RvvFmabbuFFw71zO755"
    "+DwgHWMmO4E18vDlUaKJyyHB0TQguzGkY7AtZEPdTi2ziG0BtMw960AgmLdcMA9DRTJEcz"
    "qUZItwTgexVF1PNqlrkzOEktIwyKV1yqVQD3K/Z/74p2QVhddvLiC61UvYXu1M1rFx2eUM"
    "aBooaFCioIH3IPwZqq7arj2CgwtMYmBHCXbohh1qyzJaK6rGxZAMcmBJCZZ48ZfEICFvDE"
    "2dc+0DTOIaq95gYdNRtE4tO8O+ah266PlHPXDNhgxymA3VzAYbKesSLKHJgSXVsGSubJS5"
    "ajOWqC1JZClqSCbLytLzoHJMy+A5zoBJCyCnQdYUy/YcYNxHRrBI67MaHrUEYBKwbyH8EN"
    "bKnVvTiqKCkZtfmWo3gBnUADQbaL+u0062AzZ5KRmkYYjXLYK4tZccS9WRZckrw2ElA+Uz"
    "JE0N/CghEprzlbpbGY4EKZThaE7ULsOhCm7079CNDiH6onG9SIg+BJRDQPnht83qAsoLVS"
    "xQmLI9bwa+QHDvN6ccP81ZI/OLYan+C6ejUJJturmRKH5reUM33xos/nfjFd8yJUVaOCbp"
    "Swo6klaKJZFFXrJXSEIvSLclzXiSPpCgbxOTbXCboPEP6YjxSnsukfB+2HiNw4bC7CVJOD"
    "s0xjULuvxkbpt5ldxTpMKYE2uu2g4i6/cisqYEqsMEU94GSQSMLeyWSjDI3rroNITtO9ZH"
    "EyGJmGL8ZCTdIDuCZL1bNlp3JcW23cLkJD3JS1RKb027dQFFV5oViIm/Gmk8O3tIIGCw4F"
    "5CMXmPPgraQ5BBCYsyWBpF28CLWBrB5gQ2p8MvcnXYnPYpiw5eMgRR70auFIpe6qjLF89c"
    "T6NZLG3dU5QxuU+VkbBOFhjqcZYTz4cOfvM806cp/lDGNwYWFmq/4vpmctXf5Ep/eMnXCX"
    "ra/kpcukGepUQw9aAW8whkc9VoH6SCVZxtNRwywlSc9hRuaEwIf3xRKxoL50ABhW2xyHN7"
    "l9KuMSoYwEVyUFzIOAu7UjQCglz9krxR3jVDYWCcbdWhSMCwU8Kw4+MoZ57odL9WNC1zqW"
    "aQH/B4p+PSC/RJ7+I8XJvJj7xl+f5z/+4OituArawDtjKwlTVi32i7rWzo1ZnrMKxlwa1u"
    "nr1MpRrBSRZtmundHHuIiZbIRHj6cgriSbqdhPHt+QuHi57ai4PVy4pi47y9vGVEXWOdA1"
    "9w6vCB3rmZDLDkcHsl+fSP+pfB6HY4+nQlbZC+wHx41G/Gn7/cDbxWxnpD1knc7mN/eEcu"
    "LRVVI78Hv3wZTsgF9LZRTXJlNBjc3suTwdfh4BtmJkILSzbRi4peH/X+ly+T8VfSHK9kpv"
    "FC2t8ObrAsSa4t0FxTdf9rDl6exzUiL1XTYkiz+RbJiGpP8060yAYXNBJzyI10QARAFwJ6"
    "ppr2asE84ZEoaGygY0R5uln7IM9BmKhWrJpRlswbh+Nv7AzwwGADkThgXYCcv++K60Vy/k"
    "KBc5fZnqCFTO7mMDo9v7HMrxID+k6sThEDr5vMa//kBD4jcZwIysJkuF0yfLXZBeZjRAAr"
    "HGQGfo1GgV25X4OxEleAcj/qqV3LRVF84/tPDFr8CtLo4e6uw1qOK8D2wSp0LHxLgY3vQB"
    "nAHsYZN6LKSXcYHrnY/W6eW05Pttx+XpwuId023yVjKSkSqd/7H5ak6n/Dz8B/Zsbbz9IH"
    "crXrpernHxNXri/mERiOPyjD7HA4/+KQHsLd8vsPk9ovSPg6hKvXEhtZ/6FZDdtIq1Zo1s"
    "iy8H7HM2ApEgHH7EkhF9tJjovtJO1iI0bZHUxZFBkYsZpsxAI3VPbsaqdDAoJcm7A7+SeV"
    "cCBLUQCiYF5rkHkt0JHrsf+0FVpq/jYpEps27twiTX1B7LBsZrtuUWMQ+d6IZKtVaKwjyT"
    "3XjFTBcgszorm6UUmtRmVmOLZ7zdXqf5Y+uH+7UZNcG1GlPTMtRrSxIaRMmY3iJQLCWFod"
    "vdlYYiKHutoFawEEyMoLx51cVZQAADsV2Knaa6eKZl0K/bwcAopIQO2/d1bEZIVbZQfYnm"
    "XVWODBmSIREOW92FhmxoJx1NsUL+4ZEcx+eyHwzdOqB79MYwp1Ku42VKrvxqNPQfNkMG7x"
    "rJiMEX2ITBg/b6VTy6iuPtvEF3F4Ts6iSYSpz1zteXrINFme+OyVIk4lQlZJ3ctFUmBPgZ"
    "9vJGWQC2gpbYlltJBB3CIiOj+jKTJweDSZv+DwyN6zwOEBDg8wz7fBPH8YW3KMCwwbcpJL"
    "2bbj5PCAIh+tmvjdHNMoHIm0z5R3EF++F/Eltblmr/mpTIiSh+0Vz4Jo2hjI2mjjxqmNKj"
    "+j97IgbVQsv4iKERzZuBUe3GRNTpaqAKYbryeh0SI2MIxFFaNq6nclKl7BmWUloaIPSBMR"
    "JtedXhKj8OwOEQHyqiiqZaccVbFRRJToOKaSSCUz6USHKwhOKj3EsqLPRATQRBvDLLtuTd"
    "xORIXI0hSZaKFmSZTuNWVKuhEVJxsp65IQTXEXwsJjKrqlzCtY2KdRT6KCReKXS6IkWIR3"
    "DB6yy1UkJXyluhIVrlc0WxnGc0mkvnm9CA5SZVKUD5foAtSrYT4vNeO1LFp+N6LDJJtO2R"
    "UrgGriCLVg7dNX6gvoDC9pJLpn+0fNqA14RusaJ/s//oAw1UMohW5e5kKMTIio770fDtm+"
    "sw92i/jupE86mAz6t79eScQb+v6oDyaTsXeiAQkDRg05jWClWPJasecrxr5kGBpSdPZciN"
    "ElmDPDhPviTnil3ujK6/H4Luaivh4mY5YfPl8PMPgu9riR6gUKpQPIvQUJqr1DtfeGsUKw"
    "sA2IOoWo04aALUjUaWjEZ+hStIE/W5sK3QmFFKpOX8IvrWNkJcP0DoJ6l+yVYktLFa8NEv"
    "7n998XWLFS7N9/l5a4DdaupAVexchxT5JqY3JLsuYrtHA0tCAtGLUs9/MMZsWCuR+I84zH"
    "YX6hAu+JRaoShJBCWYIGaZguh3dUegLaJuuXnW/9ycjVdvzZ45/Y9qt/YNt7M7QbfxpxSn"
    "oRlYBSXkukugCTLYd8eMswN4MpOmBxo1kM+lr24imuvlZ/jd7GMRdOHWkBwqABH0oDTq4W"
    "FUAsWJpEElpqhWySUcENe2MYFIJwuGxjgh20qNQx+1tq5rovBqdRfL+prIfeqCCZFaRs8I"
    "q0ZR0DmbB5XhH6sJL1DJnWSt1UEK7/2e1MIOj3GohHIZYh70V45kt98jpqWLHwFwiVbql1"
    "EPoOKfS5nOZClqKA7QjOwqh/gw9Wj5Ibu2CpYMkNnZqmcOaF0Gde0Nl6rD0/nsyXs+m/QX"
    "EywTb3iPXccfgsWgEtPfUG47OhPkQAfm0An/QKAHzSyz5BoJc+pHGJTIQ3IqaUlZdZEqcT"
    "oUB4DWZLCKWHUPpGsgKMxmA0BqNxy43G+1SMXHWUoREFamq2KhTow/v2ertn94EF9LCH27"
    "k84JAjQwIBpfW9nKsGgQX7ldBNQ8vAd3seREDbZKw7/dvPw9GVpCzWqk4yvr8OB98GE5L0"
    "/aKiV2Q+6sEV73dnB87s4VSwF7xOKDNVU23GgXfF2JPso8YMff/RWvBSxbn1tT+861/fDT"
    "DHgj4e9euH+1+vpJljvT/qDyOqjaPHn3RwvoHKlQ09qFygcoHK1W6V62BHAzTMdpoZnxPb"
    "xC0LD0O8ptd3REAbYQp2vtprcLcRLCjBzQUXRBPmQrVPC1qsdivDkpas7ZptUXtJtoQogz"
    "bJcd0cAxrNWu4wAyZxk40REGfQTICrjzMAxzc4vhvJCrDCgBUGrDAtt8LsU2wPDhJgSOzU"
    "GQPZwvor1Whr/bhvWAZHkqJLNCjSq4IhlbwzyySySKBFFzdauJXdLITXaHzdLQFH7Cvk6j"
    "pdNq7arrfrDbHqcAwe+wIUodpSMC446wB3IkdiVzBZXNc/VI07jLrimFzefr+5gBJz7+j0"
    "spAz+vQyxxtNbibqwVEvxwF0gqxGTyeng3NHuM8Kuf7Pclz/Z2nXP9LJly/krMMhs9WUNC"
    "WoKyXUlRaW4PdHAK97fzAifntSYt+jf9Rvh/f+pYVqRX0e3JHvyQJcFpKQQsD1vnoT1IYE"
    "4BiOJfMjzSAVLx9j74jLbh1YZO1gJcnvqQKrScM40xIjSYBJrpVkqaga/lbZUv3NhIfxKW"
    "LgdZN5HWypu5RYjpMCn1vBZxMpFqfmlCYVby+FOE/wMFThYXA2ix25HqcErjeF64zlNRVD"
    "BH4l8CsdXlCpN7oXzlk+aOxcErZsZxyN7FanXHB89nsx79xYR56rzPeUSbYhGfia31tXel"
    "XtFWlhvkuKbaP1xv5Z+hDedUl/kFRL8niZ9tHt4wHM3FnKKekSkfmRe7xTZFTV0Zst+w8v"
    "eOJTEu0tBz+RvSbfd0jedofH4p7Ac9gQz2E47NLLqfqUiS5NJZLk8FOvd3Jy0Ts6Ob88O7"
    "24OLs8CvFO38oD/nr4iWAfEw3TZRU9GHlTieNUYNQvYGKeGQtGuuoUrzpsiIP2QoCbp/IM"
    "fpnmuw1DjeduPPoUNE/6ElvvNqzs5O77h5ubweCW+A0tZz5HaEGciR/7Q9eVSMzUTXEk+q"
    "IDg0+Zqz5NUt+qf9TonTUFqKwZT2lMs2MWEmT1Byx0/nPp6G5NRGnmqJqt6taP5Hn/xTkb"
    "GhvGkJSUU8zJN5ExyMHr0ByzGMOTqJpWyLGdrKLsHoDrTea6r13u5lRM0AKnm8xpTcGTE5"
    "mmwSjvnS3Sx6lE8CXWLdeDbzFblmynlwl8i98j18G32AR1MbCKc4EbJwJcwWfboNN0KWdW"
    "SZSphD5BAY5P5EblWRrm81Jzd4W0bze418116tKt9lkSZZt7Enf49EROY+tu91H67ywHNF"
    "3wT9a4LcIBvgV8AHups0uN96IQUyQiqNFQ08YrjTu31RfeuriNiXtemMqSoaBmu11CAsgQ"
    "LeFa2TgzjNQKK/kvyLSYInbmDsik3UmladqCUrGmCHa3bKjbaYEBu9v3yHWwu4F9qOFgHy"
    "Sm33TKVgwO7BITRyTQYwuDLyNVBNTXSOISBaw6bGJkfOWYxfzht90yJptOsYLBbiYCbiwZ"
    "Sy8Bwe9A8oeDtDRM94YbE3wlfQgadIMWRdMd9vEQdsoDZR2kBH/e9AcNKRaSHd0mZ411t9"
    "r38OfxZTuUSrQgTzOR7eWzgBmxAWZEfvW0rFLatIWzaq0UEkcgcaQB8O/beOvM/o3mtocS"
    "B9RJOgHBrr44eQAa1w4YJxJpTanOgEhEJS5QKQqwyKYB9U4EeufDNE4EsKZhXaANXlmKIx"
    "q2h2SkJJQtcTrulnfXGK+jaTg2l1gQEojnON9LdIJlI9YBWdlu3ZAA3Lol3LrcyRWQV1Ei"
    "r4I2ZaUwz3f1JUghb6k5rr20R7e9GddHzRFsIJn3+5o0EPySPbXaGQZRJPhlqepeaNguud"
    "sxUpjdTZ7dEO6y9zSzwOXMl2cWpwJkIZCoSYlmVAhB2UwzqitBIU7M5SbmmgXhSDmxNVTE"
    "UoH4Gsp5X20GGjt+JRmzArEdENvRtq0t7oghUjR7J8tJqYlRgQEWDooGrZdL6wVZvSZZHQ"
    "RIQQTIPjLV+YolN/p3csVFJWqzzzIFIA02QhrM9spni4MixOn1zs6KOObPzrId8+Reotgt"
    "nlQcCPvNBUT3uFDYw3FO2MNxOuwBP9FGOlc+O0UCkjen5J2SFOrczP76f+kWGtM="
)
