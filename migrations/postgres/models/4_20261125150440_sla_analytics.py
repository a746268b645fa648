from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "sla_timer" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "deadline" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "case_id" INT NOT NULL REFERENCES "case" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_sla_timer_case_id_90976b" UNIQUE ("case_id", "kind")
);
CREATE INDEX IF NOT EXISTS "idx_sla_timer_due" ON "sla_timer" ("due_at");
COMMENT ON COLUMN "sla_timer"."kind" IS 'WARNING: warning\nEXPIRY: expiry';
COMMENT ON TABLE "sla_timer" IS 'A warning or expiry that fires at ``due_at`` for the deadline it was scheduled for.';
        ALTER TABLE "case" ADD "sla_paused_at" TIMESTAMPTZ;
        ALTER TABLE "case" ADD "sla_breached_at" TIMESTAMPTZ;
        ALTER TABLE "case" ADD "sla_warning_at" TIMESTAMPTZ;
        ALTER TABLE "case" ADD "sla_order" BIGINT NOT NULL DEFAULT 4611686018427387904;
        ALTER TABLE "case_template" ADD "sla_business_hours" JSONB;
        ALTER TABLE "case_template" ADD "sla_paused_statuses" JSONB;
        ALTER TABLE "case_template" ADD "sla_warning_seconds" INT;
        ALTER TABLE "case_template" ADD "sla_seconds" INT;
        CREATE INDEX IF NOT EXISTS "idx_case_org_state" ON "case" ("organization_id", "state", "status");
        CREATE INDEX IF NOT EXISTS "idx_case_org_resolved" ON "case" ("organization_id", "resolved_at");
        CREATE INDEX IF NOT EXISTS "idx_case_org_sla" ON "case" ("organization_id", "sla_order");
        CREATE INDEX IF NOT EXISTS "idx_event_org_name_at" ON "event" ("organization_id", "name", "created_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_event_org_name_at";
        DROP INDEX IF EXISTS "idx_case_org_sla";
        DROP INDEX IF EXISTS "idx_case_org_resolved";
        DROP INDEX IF EXISTS "idx_case_org_state";
        ALTER TABLE "case" DROP COLUMN "sla_paused_at";
        ALTER TABLE "case" DROP COLUMN "sla_breached_at";
        ALTER TABLE "case" DROP COLUMN "sla_warning_at";
        ALTER TABLE "case" DROP COLUMN "sla_order";
        ALTER TABLE "case_template" DROP COLUMN "sla_business_hours";
        ALTER TABLE "case_template" DROP COLUMN "sla_paused_statuses";
        ALTER TABLE "case_template" DROP COLUMN "sla_warning_seconds";
        ALTER TABLE "case_template" DROP COLUMN "sla_seconds";
        DROP TABLE IF EXISTS "sla_timer";"""


MODELS_STATE = (
    "eJztXVt3o0a2/issXk5nLU2WLV/jPMm2uqMztuSRZXcn8SyCpJLFGIHCxZfJyX8/VVwLKB"
    "BIgKB6P9mC2gV8uy77Xn+JK32OVPPH3mym25olXgh/iZq8Qvif+K2OIMrrdXiDXLDkqeq0"
    "lalGU9My5BnpayGrJsKX5sicGcraUnQNX9VsVSUX9RluqGjP4SVbU/60kWTpz8haIgPf+P"
    "3f+LKizdE7Mv2f6xdpoSB1HnlZZU6e7VyXrI+1c22gWZ+dhuRpU2mmq/ZKCxuvP6ylrgWt"
    "Fff1n5GGDNlCpHvLsMnrk7fzPtT/IvdNwybuK1I0c7SQbdWiPncqhddESRqOJtJ9fyJJYg"
    "GAZrpGwMWvajpf/0xe4R/dw+Oz4/Oj0+Nz3MR5zeDK2d/uo0NgXEIHnuFE/Nu5L1uy28LB"
    "OATVQAtkIG2GJBa8V0vZYOMbp4shjT8hjrSPKwW1B2SAtN9kT1Cv5HdJRdqztST4HhxkAP"
    "vYG1/90ht/wq1+II/U8XRwp8nQu9V17xH0Q7RdDkiEG0mw//d+NGSD7TEuCfNcmVnC/wmq"
    "YiYGNgPuxMhO4h1O5xoAz8CXYEF6XpnmnyoN66fb3rc44lc3o0sHHN20ng2nF6eDyxj6lv"
    "xsFoHdbw+g7wD6zEAEHEm2ktBf4zuWskJs+KOUcSZ4pD/6/7SQFXgRlecjTf3wFroM1kwG"
    "t/37Se/2LsKf696kT+50nasfsaufTmM8CzoRvg4mvwjkp/DbaNiPszFoN/lNJO8k25Yuaf"
    "qbJM+pNdm/6qMW4bq9nm/J9SglcL0pXPcxotjuvX3Idd14ljXlvzKBhClPpIprDMrNslsb"
    "mF2C+EYE4sULU3qjYUui/Vk3kPKs/RN9OKAP8JvJWGJjgOvpAaNYdy0D+29/VPlXw8XKkN"
    "8CjYI12PA/GAFkuVJv7/6qd90XHeSn8uzlTTbmUgoLFO1PWzEUxJAsLj3Sz/8cIzUAlQ39"
    "wOnmoxShuRGgO+DpXZ0CLQJn8taqu4pfkTX52fkk8mzyJF9hXSt4VIssVda908nUZNeK9O"
    "I1Ak22TUthJ0OTdf4mYE3XYP32W2muTVv6atBdDV1Nwbev2avEDhO1Fni0TcZa7F3fDoYX"
    "gjxfKdqTNu4/Dvpf++MLwUCvCnpDxpPmX3F/i1tw5vA0B2MO4yJcyBdyK8qWtYEWynuRgR"
    "9SNJkdWw798gHGO4W0lM1lEYhpmnJA3u/SHYH49DgHxKfHqRCTW2Aj4FtbzGMjwOuq/rIV"
    "16OUJXC9mTJ105nMMAkkuQw2gWoEYcrWZiKjGLIUxVaINmy6gJGlAfp+Z1sjS3wolwDxg9"
    "dNu4ZxXmSp2VvUbFWlTeZKNpHIsMg41ztZ9piZ36JUY8zvooVWaxWzX3TYvpri6/+OmWj+"
    "EsOvYw1ZSr4klOgdK0+mie8HeIQ2nXeJfIiEe5E8MucrvaEpOuT4+5wfzqjPfrSMn/OsId"
    "/Bjsc8/pIiL+F3sNNb4Cfp6mtxBHy6nR7ufrP3j20WeoGAdvunqzLuaU5GTZHnqnLGU8Ek"
    "WKtJ0J30+YENCUDSZEiaYGINjCDHeSysx+kG1uOEfdVb4wrAG1JwCPBhLhv2YYYN+zBpww"
    "42hW2M2AFxfWiL+hppYjG8xdFdf3ghEEpixb4f3Tz2r4kVO9yQ929Udd7GZmtUWUGHNFVF"
    "IYe8jXlHFtUNF6cCYMfpOFxjjro54D7qpqJNbrHBLhZMG6XiEOjyXQaeclN8WCcI+VtGyh"
    "/WAWjFxnWMjD+kyx/X3jZdfFwnCPlDu/xxHYBWNPkhQsYf0uWPazest/iwjtPxh3X5o9rH"
    "rNigjlLxh3P5YxrySfaTxCM5n5pEfoLeU+x6EaIa1feCqnspAQL9b5Ns0IP4gJvR8IvfPM"
    "4JyFtrzpAnjgj0vlZwky2CZZLUEDDT5ICZ0O2UYPSl8pzquoiQ1ee9OD49PDw9Pz04PD/u"
    "nh2dn/10cBzncUqTnVwaP3W7R0dn3YOj0/OT47Ozk/ODwLeRvJXl5LgcfCF+jgi3k44PAu"
    "6bbGj4zbacgVFqmIFNn4Fr2Ta3ik1MEAOvm87rqYHk2XJrbsfIgd9N5jeEmqdvrfyGmkM6"
    "Om9cZ0z2RDq6537Yhu0xUljTm8NmViJJGKNYkM8xUuBzk/n8igyTGTGSqhRTFPWpxIdVrd"
    "QlR/PFAoxzQhqjgvyRJLCQ8lQ1wn5kfzF0Y1SALOQ+NSj3ic5W2RFmknIzobrjFObYfI5A"
    "PMbSxnhwNRGZW14JGPOdYxbb5SPQ4ncQhg83N/nqI8301QqRpycgL1IeiYzoK7cnjgZ0VG"
    "qY/gfNLElVtJcSwBo5vfGKFTG7En3M2BGpe1WekG54wqnqHE9/GqakelKzNDvjU5pRLaEM"
    "V5sExo6QnnOHNfjlFtkGMTIOY+AriMp2MSsYk00TcQhz+WF+U33+kUQ4PdjMb88FuHVHmo"
    "F/Ln2ct9NTA/6575HrefxzjhRYSAijKMB6B5ZnsI82C+xK7aN+laASbKMcQ0utkE0rDuWZ"
    "pFLsBqHBaoPZQA8bbrIaiD2BmNOEhaGvBFkg5IKlC7qGBLeXn4VP5GJHIIOk410UlPkPgm"
    "IKLut/FGP8Ka1TZs0qf5R71kBfH/Z+YsZmV7BKperkrGDkdSAb+KUc7D+gjtHebSoxtiZV"
    "/c3FS2JdNFk3xYD862Ew/vVCcM9W+HjSeldXo4fh5ELwDqEjhU3uRuMJKWuy1g38+7E/Hn"
    "weXPUmg9HwQnhFhrJQZs4G86RNxr3hfe/KvYXZppl40XDuXI+uHm77pGPMZNu3Ru6/PEo4"
    "cQtIcDQNyG4M6RhsC+lQt1PLzGNbAC2zYh0IBPOWC+ZBqEiKaE6HkmwQzukglrLLucZ1bX"
    "KET1waBrm0TrkU6kFWe+SOd0hVXni95hyiW76E7dbOZJ3all7OgKaBggY7FDRwH4Q/Q9EU"
    "y7FHFOACkxjYsQM7NN0KtGUJrWRFLcSQFHJgyQ4sceMviUFCWuuqMiu0DzCJa6x6g4VNW1"
    "bFWnaGqmodOuh5Jy0Umg0p5DAbypkNFpJXO7CEJgeWlMOSmbyWZ4rFWKI2JJElqCGZLC1L"
    "z4XKNky9yHEGTFoAOQmyKpuW6wArfGQEi7Q+q+FBSwAmAfsmwg9hrdyZNa0oKhi52ZWptg"
    "OYQQ1As4H26jptZTtgk+8kgzQM8bpFEKf2km0qGjJNaanbrGSgbIYkqYEfO4iExmypbFeG"
    "I0YKZTiaE7XLcKiCG/07dKNDiD5vXM8Tog8B5RBQvv9ts7yA8lwVC2SmbF80A58juKvNKc"
    "dPs1fIuNNNxXvhZBRKvE0nMxLFay2t6eYbg8V/0d/wLUOQhbltkL4EvyNhKZsCWeQFa4kE"
    "9Io0S1D1Z+ETCfo2MNkat/Eb/5CMGC+15x0S3vcbr7HfUJhKkoTTQ2Mcs6DDT+a2mVXJPU"
    "HKjTmx5qrtILJ+LyJrQqDaTzDltZ9EwNjCrqkEg/Sti05D2LxjfTYQEogpxktG0nSyIwjm"
    "h2mhVUeQLcspTE7Sk9xEpeTWtF0XUHSlWYGY+KuRWmRnDwg4DBasJBSz6NFHfnsIMtjBog"
    "yWRt428DyWRrA5gc1p/4tcHTanKmXR/muKIOreyJRC0WsddfmimetJNPOlrbuKMib3qFIS"
    "1skCQz3OtKP50P7vIs/0aPI/lPGNvoWF2q8KfTO56m1yZWTqZ5klOJPFa7FFQOpUjcY4Kj"
    "LE3lQwISUmxG5PlYTGxMtTS2d+SS1KBEIaK/B3Zm1TRzVCBQM4T8KHA1nBKqoUDYcgl78k"
    "r+UPVZcZGKebUCgSsKLsYEXxcJRSj0+6X8mqmrpUM8j3eJbS4c4L9FH37DRYm8mPrGX5/r"
    "Z3cwOVZMAwJYJhCgxTjdg32m6YGrhF3USGacq/1ckyTilUIzg2ok0zvZNhDzHQAhkIT9+C"
    "gnicbithfHOywP5ClSrxZropSGycN9eSDKlrLCrgCU5iMdDFq3EfSw7XF4JH/6Td9YfXg+"
    "GXC2GNtDnmw5N2Nbq9u+m7rfTVmqyTuN3n3uCGXFrIikp+97/dDcbkAnpfKwa5Muz3r++l"
    "cf9x0P+KmYnQ3JQM9Kqgtyetd3c3Hj2S5nglM/RX0v66f4VlSXJtjmaqonlfs/daOI4Rea"
    "EYJkOazbZIhlQVzTvewggc0EiAX2GkfSIAOhfQU8WwlnPmcYpEQWMDHSHK0s3aB3kGwkS1"
    "YhVoMqWiQS/exs4ADww2EPYC1gVIsPuuuJ4nwS4QOLeZ7TFaSJtuDqOT8xvL/AoxoG/F6g"
    "Qx8LrJvPaOKShmJI4SQQ2WFLdLiq82vZp7hAhghVPDwK/RKLBL92swVuISUO6FPbVruciL"
    "b3T/iUCLX0EYPtzciKzluARsH8xcZ7C3FNjoDpQC7H6ccUOqdrPI8MhF7ney3HJavOXmw9"
    "k0AWmW8SHoC0EWSLHc/zEFRfsHfgb+M9XffxY+kasdNy8++0y23fpinjdhe4MySMWGwyb2"
    "6SHcLpl+P3n0nISvQ7h6LbGR9Z9Q1bCNtGyFZoVME+93RQYsRcLhmD3K5WI7ynCxHSVdbM"
    "Qou4UpiyIDI1aTjVjghkqfXe10SECQaxN2J+9YkALIUhSAKJjXGmRe83Xkeuw/bYWWmr9N"
    "isSmjTvXSFVeETssm9muk9cYRL43JNloFRppSHAOESMlp5wqiGimrBVSGFGe6rblXHO0+p"
    "+FT87fTtgk00ZUas9MixFtbAgoE2ajaCGCIJZWQ+8WlpjICapWzjoAPrLS3HYmVxklAMBO"
    "BXaq9tqpwlmXQD8rh4Ai4lD7757kMVnhVukBtidpNRaK4EyRcIhyJTaWqT5nnKs2wYt7Sg"
    "Sz154LfLO06v63SUShTsTdBkr1zWj4xW8eD8bNnxWTMqL3kQnj5a2ItYzq8rNNPBGnyDFV"
    "NAk3xZDLPbwOGQbLE5++UkSpeMgqqXu5iAvsCfCzjaQMcg4tpS2xjOYyiJtERC/OaIoMHB"
    "5N5i84PNL3LHB4gMMDzPNtMM/vx5Yc4QLDhhznUrrtOD48oMhHqyZ+J8M0CucPVZnyDuLL"
    "9yK+JDbX9DU/kQmx48l2+bMgmjYG0jbaqHFqrUgv6GNXkNYKll94xQjOR9wID26yIsc4lQ"
    "DTldsT12gRGxjGooxRNfG64hUv/4CwHaGiTyPjESbHnb4jRsFBGTwC5FZRVHadclTFRh5R"
    "ouOYdkQqnknHO1x+cNLOQywt+oxHAA201o1d162x0wmvEJmqLBEt1NgRpXtVnpBueMXJQv"
    "JqR4gmuAtu4TFkzZRnJSzsk7AnXsEi8cs7osRZhHcEHrLLlSQlPFJd8QrXm268LFT9bUeo"
    "vnrd8A6TZNi7jiofqrHN1aCq0p/lCVEMT1YoXqX7sIywDXiv6hon1ZeoJ0x1EUqgmxVdHi"
    "HjIjK38gP82leffruoXDFZjX7c713/eiEQj9XHk9Yfj0du1XkSqokaUjF+KZvSSrZmS8a+"
    "pOsqkjX2XIjQxZgzxYRVcSe4Um8E3OVodBNxI14O4nGlD7eXfQy+gz1upLjBHMkgX3dBgo"
    "rcUJG7YazgzLUOkYEQGdgQsDmJDAwMrQxdijbCpmtTgck3l0Il9gT80hpGVtAN97CeD8Fa"
    "ypawUPDaIOB//vhjbpNj0//4Q1jgNli7EuZ4FSNH8giKhclNwZwt0dxW0Zy0YNQbrOYZzK"
    "zymRcs8YLHYXYyufvEPJnjAaSQOt4gDdPh8JZKj0/bZP1S/NobDx1tx5s93qlav3qHan00"
    "Q7vxplFBSS+k4lDKa4lU52Oy4SAGdxkuzGCKDljcaBaDvpa+ePKrr9VfR7VxzIWTIVqAMG"
    "jA+9KA46tFCRBzFsoeh5ZaIZtkVHBCkxgGBT9kKd2YYPktSnXM/p6Yuc6LwYkB32+64b43"
    "Kkg4BCkbvCJtWcdAJmyeV4Q+UGI1RYa5VNYlhFTfOp1xBH2lgXgUYinyXohnttQnrcKGJQ"
    "t/vlDplMMGoW+fQp/D6ULIUhSwHcF5BfVv8P7qsePGzlm6TnxDp6YpnEvA9bkEdEYVa8+P"
    "JlxlbPrvUECKs809ZH3hOHwWLYeWnnqD8dlQ7yMAvzaAj7o5AD7qpld57yYP0lsgA+GNiC"
    "llZWWWROl4KOJcg9kSQukhlL6RrACjMRiNwWjccqNxlYqRo44yNCJfTU1XhXx9uGqvt3O+"
    "GlhA93sAmcODAnJkQMChtF7J2VcQWFCthG7oagq+m/MgfNomYy32rm8HwwtBnq8UjWR8Pw"
    "76X/tjkvT9qqA3ZDxp/hX3t7gFZyo4uekVrxPyVFEVi3EoWT72xPuoMUPfe7Tqv1R+bj32"
    "Bje9y5s+5pjfx5N2+XD/64Uwtc2PJ+1hSLWxteiT9s43ULnSoQeVC1QuULnarXLtrXx7w2"
    "ynqfE5kU3cNPEwxGt6fWXc2wiTv/PVXie5jWBBmeRCcEE0YSZUVVrQIvU1GZa0eP3NdIva"
    "a7wlRBm0SY7rZBjQaNYWDjNgEjfZGAFxBs0EuPw4A3B8g+O7kawAKwxYYcAK03IrTJVie1"
    "DrnSGy03Xg08X1N7pVlaJ6pCAbA1bc4fMzyRLqbCzSFlSA92k6UKetEQoC+H+r9f9S4z1/"
    "dHdAwl8Y7Peqa4kkXP+1qL92S5ArqCNoyAuGsJ+uaQUEoGjtoGit7SlGaokVpldkmEwxMH"
    "UHZNJuJXY3bUEpOSkUtNl0qPnVZu31fEuuRymB603huo8RxfaEvwpsGGDD2L/8UG8kCRy6"
    "lsOR7clIJQH1GEpcvIBVh02MjK8Ms5g3/DZbxsg5g7msY+JIQwJuLOgLQcf/+h0I3nBwzj"
    "sgN5xD2C+ET36Djt+i4976QVBMweVh8oSFqh7CTGOhrYOU4O90QJaSzFMXQs1YRaRapq1Z"
    "JAems9G+hz8Pjl9okFmvuLq4q5LYtIWsbC0xmEDJDUJ5TkWVpuIJ1p+63aOjs+7B0en5yf"
    "HZ2cn5QYBv8lYW0JeDLwTriD6QBn5RW3WUikOLdQXGVHv6HzQrfjJonI5DsMsPYvFBK7QD"
    "Rol4WlPKM+jVfngC5xZSN3L8oximUSKANQnrHK0txrGzqYgG7eub9QctgbIlTsDtTlZujB"
    "fQ0G2r2IHhPgF/juxKogVMC7ESKdLdrAEBuFl3cLM6B5InYZ+g9zS1zifgYVxnuXf63ybZ"
    "aAfenZvR8IvfPM6CKNq0aSmBebbrLUZagu+tRbxotqst6WEFv3r6VtJOD2sev/pC0dyok+"
    "Jsj5HC7G7y7AZPetU6TeDNKoRujAqQhRiFBp1USHsnd4SZTpbgFOLYXG5iGosf6ZDhtqeC"
    "IXK47ik/ZNkVHlmucajvCG7qtm9tUZsykaLZO1lGtH6ECmxJkBsNWm8hrRdk9ZpkdRAgOR"
    "Ege8hQZkuW3OjdyRQX5bANFCtq09TeShrMLFGUIg7yEHLUPTnJ42M8Ocmo+H2SKH2MJ1UB"
    "hL3mHKJ7mMuDe5jhwT1kHCSuaxbSCqXKUiQgeReUvBOSQp2b2d//D0RyVvY="
)
