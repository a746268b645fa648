from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "consumer_position" (
    "name" VARCHAR(64) NOT NULL PRIMARY KEY,
    "last_event_id" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "consumer_position" IS 'How far a durable consumer has read the event log (one row per consumer).';
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "event_id" BIGINT NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "case_id" INT,
    "message" VARCHAR(300) NOT NULL,
    "read_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_user_id_7a4ff6" UNIQUE ("user_id", "event_id")
);
COMMENT ON TABLE "notification" IS 'An entry of a user''s in-app inbox; (user, event) is unique.';
        CREATE TABLE IF NOT EXISTS "notification_delivery" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "event_id" BIGINT NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "subject" VARCHAR(300) NOT NULL,
    "body" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_event_i_82ff53" UNIQUE ("event_id", "recipient")
);
CREATE INDEX IF NOT EXISTS "idx_delivery_due" ON "notification_delivery" ("status", "next_attempt_at");
COMMENT ON TABLE "notification_delivery" IS 'One email to one recipient about one event; (event, recipient) is unique.';
        ALTER TABLE "case_template" ADD "assignment_cursor" INT;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "case_template" DROP COLUMN "assignment_cursor";
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "notification_delivery";
        DROP TABLE IF EXISTS "consumer_position";"""


MODELS_STATE = (
    "eJztXW1zozgS/isUX262yrs1cZKZuewnx2ZmfZvYOcfJzO5mi8JYibnB4AWcxLc3//0kXo"
    "wAgcEGDJr+lFioBTwtpNbTrdbf4tKcI93+qaeq5tpwxAvhb9FQlgj/E7/UEURltQovkAJH"
    "meluXYWqNLMdS1FJW4+KbiNcNEe2amkrRzMNXGqsdZ0UmiquqBlPYdHa0P5aI9kxn5CzQB"
    "a+8MefuFgz5ugV2cHP1Vf5UUP6PPKw2pzc2y2Xnc3KLRsazke3IrnbTFZNfb00wsqrjbMw"
    "jW1tzXv8J2QgS3EQad6x1uTxydP5Lxq8kfekYRXvESmZOXpU1rpDve5MDstEWR6Np/KtNJ"
    "VlsQBAqmkQcPGj2u7bP5FH+LF7cvb+7MPpu7MPuIr7mNuS99+8W4fAeIIuPKOp+M29rjiK"
    "V8PFOATVQo/IQoaKZBa8/YVisfGNy8WQxq8QRzrAlYLaB3KLdFDlSFAvlVdZR8aTsyD4vn"
    "2bAex9b9L/pTd5g2v9QG5p4s/B+0xG/qWud42gH6LtaUAm2kiC/a/b8YgNtq+4JMxzTXWE"
    "/wm6Zic6NgPuRM9O4h1+zjUAnoEvwYK0vLTtv3Qa1jfXvS9xxPtX40sXHNN2niy3FbeByx"
    "j6jvJkF4E9qA+gHwC6aiECjqw4SegH+IqjLREb/qhkXAm+6E/BPy1UBR5ElfnY0Df+QJeh"
    "munwWrqd9q5vIvoZ9KYSudJ1Szex0jfvYjrbNiJ8Hk5/EchP4ffxSIqrcVtv+rtInklZO6"
    "ZsmC+yMqfG5KA0QC2i9fVqvqfWo5Kg9aZoPcCIUrv/9KHWTetJMbT/KgQSpj2Raq4xJHfb"
    "bm1QdgnmGzGIH78yrTcatiTaH00LaU/Gr2jjgj7ET6Zgi40Brr8OGMeaaxnY34JeFZSGg5"
    "WlvGxXFKzOhv/BCCDHs3p7t/3eQBJd5GeK+vVFseZyigo046+1ZmmIYVlc+qIff50gfQsq"
    "G/qh28ymFKO5EaC74JldkwItAmfy0rK7jJcohvLkvhK5N7lTsGBdabhXi6ylrHelk7mSXW"
    "nyV78SrGTbNBR2Mlay7t8ErOkr2KD+XivXpg19NaxdLVNPwVcy1svEDBNlC3zZJmMt9gbX"
    "w9GFoMyXmvFgTKT7ofRZmlwIFnrW0AuyHoygxPst7qGZk3c5FHMSN+FCvZBLUbWsLPSovR"
    "bp+KFEk9WxZ9cvH2A8U8gLxV4UgZiWKQfk4w7dEYjfneWA+N1ZKsTkEnAEfK8W83AEeFw1"
    "v+6l9ahkCVpvpk3ddCUzKIGkloETqMYQprg2G1nFkKUk9kK0YZ8LkCwNWO939iVZ4l25BI"
    "jv/Gba1Y3zIkt9vUVpqyo5mb5iI5HByLjlnSw+Rg1qlErG/CE6aLnSsfpFV+3LGS7/M0bR"
    "/C2Gb8fqspR9SSTRK1482Ta+vsUj5HReZfIiMm5F9sXct/S7puiK4/dzf7i9PvvWCr7Pk4"
    "ECBzvu8/hNijxE0EDGUwBDVStD5fXB/MCGAmD4MAwfYPy2a/KzPITfWTrfd5ag+8h4s2Y4"
    "NdLhDSU4BPgkF6V6kkGpniQpVW9MZ0K8m1PdCteHtmiukCEWw1sc30ijC4FIElL1dnx1Lw"
    "0IqWqb+rM3RR6f43OfZs028LNi4GipiiLgeOvzrmlkWh5OBcCOy3E4xpx2c8B92k1Fm1xi"
    "g10stjMqxSHQ5TPYvq1dvFsnBPkbRsrv1lvQivXrmBh/SJffr/1puni/Tgjyh3b5/XoLWt"
    "FY/IgYf0iX36+9KNPi3Touxx/W5ffqALNinToqxR/O5fdp2N5wnD0lsvuqSeSn6DWF14sI"
    "1bh8L7h0L8VfLX2ZZoO+dVdfjUefgupxTcA2quZ0eVtXZPS60nCVPWI3ktIQv9Hk+A2IzU"
    "qf0PmNzYL9W7xpPc/+LZ8g2UftMVEY05ujZlbkped82Sv0MiIKem6ynp+RZTN9WqkRB5RE"
    "fSEHJ1WN1CXHG8QicnJCGpOCgMsksBAjXDXCQShcMXRjUoAsBAs3KFiYDu88EGYSozqlmu"
    "MU5tj3HIF4gq2NybA/FZlTXgkY8x2UHZvlI9DiZxBGd1dX+RIKqOZyicjdE5AXySdAenTf"
    "a4mjDh21Gmb/Qaoj65rxtQSwxm5rPGFVdbB/0L1SYv6p3pcd+i+rVE3Ix9AmQ6gjpEe745"
    "XpYo84v5gYh9FnFcRDeZgVjIaihTiEuXwH+8ycb4q4eYP6XIBbt48X/E7p/bydHgjwO32P"
    "Ws/jd3KtwEJGGCUBrBQwqsD7NQvsSnm/YLt4CZwfx9BSI2TTsgT4VEsKbxASMTtoAzOsuI"
    "s1EHsCoYmER8tcCopAxAXHFEwDCV4rPwtvSGFHIJ2k4xcK2vwHQbMFT/U/iTH9lNYoM3lB"
    "0Mt9litYD/s/sWKzUxmkSnVyJhDwG1As/FAu9hvIIHB0TiWm1n22DceaaPLaFAPy77vh5L"
    "cLwUuyu3kwev3++G40vRD800jIluKb8WRKNhSvTAv/vpcmw4/Dfm86HI8uhGdkaY+a6k4w"
    "D8Z00hvd9vreJaw2w8aDhntlMO7fXUukYazkdcBGHn9jcvjhFrDgaBmw3RjWMXAL6VC3c5"
    "WZh1uAVWbFayAwzFtumG9DIFJMczpEYodxTgdnlJ3XK77WJrnc49Yw2KW1ZraCTEyV5l73"
    "TyvIC69fnUN0y7ewvaxVrOM70jcS0jKwlfCArYTejfBraIbmuHxEAS0whUEdB6jDMJ3tal"
    "lGS0XTCykkRRxUcoBKvLhCQkjIK1PX1ELzAFO4xv3m2NhcK7pYy8xQVZYhFz0/5W6hryFF"
    "HL6Gcr4GBynLA1RCi4NKylGJqqwUVXMYQ9SOzVEJadgklbb7zINqbdlmkUTCTFkAOQmyrt"
    "iO5wArnKyZJVofa/i2JQArlrrQ9tt6HBOFrcfNiehikO3gYvkOXSwQvsmb1vOEb0KwIQQb"
    "Hn/arPfYZ2LolbDrkCO4q91viO+2XiLrxrQ1/4GTHsp4nU6ml9KvLa/o6jsDCX8xX/AlS1"
    "CE+doibQlBQ8JCsQUyyAvOAgnoGS+2BN18Et6QgEALi61wnaDyD8lowlJbPmAz5HF9eRye"
    "c5ruNnWXjK4+mdPmpfaUvdqkRblZav6z2z09fd99e/ruw/nZ+/fnH95uZ8/kpaxp9HL4ic"
    "ykEe0wTk8Ek/U7MVkTBtVxAm0GQYApYwobUMGn6VMXHaK6e8b6aCEkEObWD1Q3TDIjCPbG"
    "dtCyIyiOo6gLNCeh614Qe3Jq2q8J2JDfrCAd/NZILzKzbwU4DCSpJEynaELqoD44oA5wQA"
    "HTyNsEnodpBM4JOKfjD3J1cE5V2qLSc4oh6l3ItELRcx05m3adkpxvS6O3UCaHImsFDmW2"
    "19G9csHvIvf0ZTJuWsgIzqIEOLODa+EBIKS9RiKMCrpe79rImhJ4vW7P7tXGxDFSw1Z+Ky"
    "kqBAYSK5RF3ecc26gUdOA8gbhq8TNsaRkOQS5/SF4pG91UGBin0xeUCDAYwGAAgwEMxtEn"
    "aGAwvi8GY+hlhhEZHEZwqZPFYmhUJcg93aYvvZOxeLfQI7IQ/nwLn6Qdlavo2OHjxbRU4v"
    "bytkOzcd6dkCqUrnFnom84icVAF/sTCVsOgwvBl38wbqTRYDj6dCGskDHHengw+uPrmyvJ"
    "q2UuV2ScxPU+9oZXpOhR0XTyW/pyM5yQAu8sVFwykqTBrTyR7ofSZ6xMhOa2bKFnDb08GL"
    "2bm8n4nlTHI5llPpP6A6l/NRyRsjlSdc3w3+boG+rJX9yaZTOs2Wz6LJTi77jvSj48FzQS"
    "CVYY6UAIgM4F9EyznMWcedYQWaCxgY4IZa3N2gd5BsJkaQXHdQO70AZVcMwuQFgrb1rPsx"
    "Nra3Du87XHZGF/bXMUnfy+sc2vkdCDvVSdEAZdN1nXfq7jgscOR4Qg10NKFuAUx2J6StiI"
    "EMAKR4+AX6NRYJfu12CMxCWg3AtbatdwkRff6PyTch4uYzguAVu+TxqOzkCFDxqu0hk3oh"
    "JAigyPXOR6J8stZ8Rr7j7hxRCQ4VgbwXwUFIFk3PuHLWjGj/ge+M/MfP1ZeENKO94G6uyD"
    "XQ5ri5m0eu13yu2eXchYfUwP4X67ro+z4ZqTWGuIra4lkK/+Yy4aNpGWvaBZItvG812RDk"
    "uJcNhnT3O52E4zXGynSRcbIWX3oLIoMSCxmkxigRsq/etqp0MCglybMDv5ucULIEtJAKJA"
    "rzWIXgvWyPXwP22Flvp+mxSJTZM7A6Rrz4gdls2s18lLBpH3DUV2skJjAwnuSSTBybwWUr"
    "WVRjLoKTNz7bhl7qr+Z+GN+7cTVsnkiEptmckY0WTDVjL72N8wltZArw62mMgxbORvng3r"
    "AbLyfO1+XGXsVweeCniq9vJU4VeXQD9rDwElxOHqv3ueh7LCtdIDbM/TEgIUwZkS4RDlSj"
    "iWmTlnHM4yxYN7SgSzX58LfLNW1dKXaWRBnYi73S6qr8ajT0H1eDBu/l0xKT36GDth/H0r"
    "Yi29uvzdJr6Jw8A5PTKKEuEma265J+Agy2J54tNHiqgUD7tK6h4u4gZ7AvxskpQhziFT2h"
    "JmNBchbhMTvbiiKTFweDRZv+DwSJ+zwOEBDg+g59tAzx+HS45ogcEhx7WUzh3Huwck+WjV"
    "h9/JoEbhoJoqt7yD+fK9mC+JyTV9zE/shDjwCLT8uyCa1gfSJtooObXS5K9ocyhIKw3bL7"
    "xiBAfp7YQHV1mS835KgKnvtcQ1WoQDw1iU0aumflO84hWcJHUgVPSxVTzC5LrTD8Roe6IC"
    "jwB5WRS1Qz85KmMjjyjRcUwHIhXfScc7XEFw0sFdLC36jEcALbQyrUPHrYnbCK8QOUhZHg"
    "jQFDfBLTyWYtiKWsKANQ1b4hUsEpd7IEqcRS5H4CGjd0mz3z3VFE9wVUmp++M4g0wPR/h0"
    "Gt0K6wCBXlc/qT5LNlGqh1AC3awA14gYF8GBlR941b4U2fsFBorJhNgTqTf47UIgpPnmwZ"
    "Amk7GX+JpEizUlafVCseWl4qgLxsRkmjpSDPa3EJGLKWeGBavSzrak3iCcy/H4KuLJuBzG"
    "Q9vuri8lDL6LPa6kef7kZJyhNyBBUmBICtwwVXDm3YPgJAhOagjYnAQnuYQPYx0VEEHpqy"
    "gnqFHqGuqPRDdzHwzyi32/wUnHHlUhPAkMGDBg2jKOgQHTPAOGTj+3nCHLXmirEhxV125j"
    "HEFfKWdOIZZi74V4Zlt98jKsWLLxFxiVbvIcMPqOafS5mi6ELCUB0xFkN6t/gg9GjwMnds"
    "6CIOITOvWZQhYzrrOY0XEqrDk/GsaSMem/wnYzzib3UPWFXeYsWQ6Znnr95myoj+Errw3g"
    "024OgE+76Tmhusm0240+KZ032hK83uD1bqQqgDQG0hhI45aTxlUujNzlKGNFFCxT05dCwX"
    "q4aq+3m40ZGNDjpit2dVDAjtwKcGitV5IpFwILqrXQLVNPwXd3nHYg22Ssxd7geji6EJT5"
    "UjNIcPb9UPosTUh89rOGXpD1YAQl3m9xD81UkOf1GY8TykzTNYeRwjifeuJt1BhM799aDx"
    "4qv7bue8Or3uWVhDUWtPFgXN7d/nYhzNb25sG4G1F11kb0TkfXGyy50qGHJRcsuWDJ1e4l"
    "19GSPTWMO821BVixbdwN8ZheX9KnNsIUzHy1Z1VpI1iQVKUQXBBNmAlVlQxaJGsBg0mLZz"
    "VIZ9Se4zUhyqBNdlwng0CjVVs4zIAp3GQyAuIMmglw+XEG4PgGx3cjVQEsDLAwwMK0nIWp"
    "0mzvYaNKXYgMg92/kmmqK2EdMNLb9JnvMNJt5ieeaZrb7PU0D/Zi9/w8l6f7PMPTfZ5w+e"
    "GPqgDCfnUO0T3J5ec+yfBznzA20JuGwzzZON0Yp0TAGi9ojSeshjons2//B4sHsVc="
)
