from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "workflow" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "trigger" VARCHAR(64),
    "status" VARCHAR(16) NOT NULL,
    "draft" JSON NOT NULL,
    "published_version" INT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_workflow_trigger" ON "workflow" ("organization_id", "trigger");
        CREATE TABLE IF NOT EXISTS "workflow_run" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" INT NOT NULL,
    "event_id" BIGINT NOT NULL,
    "event_name" VARCHAR(64) NOT NULL,
    "subject_type" VARCHAR(32) NOT NULL,
    "subject_id" INT NOT NULL,
    "case_id" INT,
    "inquiry_id" INT,
    "depth" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "route" VARCHAR(200),
    "steps" JSON NOT NULL,
    "error" TEXT,
    "lease_until" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "workflow_id" INT NOT NULL REFERENCES "workflow" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_workflow_ru_workflo_8cef14" UNIQUE ("workflow_id", "version", "event_id")
) /* One run of one workflow version for one event: (workflow, version, event) is unique. */;
CREATE INDEX IF NOT EXISTS "idx_run_due" ON "workflow_run" ("status", "lease_until");
        CREATE TABLE IF NOT EXISTS "workflow_version" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" INT NOT NULL,
    "definition" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "workflow_id" INT NOT NULL REFERENCES "workflow" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_workflow_ve_workflo_269b5e" UNIQUE ("workflow_id", "version")
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "workflow";
        DROP TABLE IF EXISTS "workflow_run";
        DROP TABLE IF EXISTS "workflow_version";"""


MODELS_STATE = (
    "eJztXW13o7YS/iscvtz0HHdP4iSbbfrJSbxb3yZ2ruNkt216ONiWY7oYXF7ycnv3v1+JVw"
    "ECgw0YtPMpMWhk/IyQZp4Zjf4RV/ocqea73mym25olngv/iJq8Qvif+K2OIMrrdXiDXLDk"
    "qeq0lalGU9My5BnpayGrJsKX5sicGcraUnQNX9VsVSUX9RluqGhP4SVbU/62kWTpT8haIg"
    "Pf+ONPfFnR5ugVmf7H9VdpoSB1HnlYZU6+27kuWW9r59pAsz46Dcm3TaWZrtorLWy8frOW"
    "uha0VtzHf0IaMmQLke4twyaPT57O+6H+L3KfNGziPiIlM0cL2VYt6udOpfCaKEnD0US660"
    "8kSSwA0EzXCLj4UU3n1z+RR/ixe3RydvLh+P3JB9zEeczgytk396tDYFxBB57hRPzm3Jct"
    "2W3hYByCaqAFMpA2QxIL3sulbLDxjcvFkMY/IY60jysFtQdkgLTfZE9Qr+RXSUXak7Uk+B"
    "4eZgD70Btf/tIbH+BWP5Cv1PHr4L4mQ+9W171H0A/RdjUgEW0kwf733WjIBttTXBLmuTKz"
    "hP8JqmImBjYD7sTITuIdvs41AJ6BL8GC9Lwyzb9VGtaDm96XOOKX16MLBxzdtJ4Mpxeng4"
    "sY+pb8ZBaB3W8PoO8A+sxABBxJtpLQX+E7lrJCbPijknEleKLv/H9aqAo8icrzkaa+eRNd"
    "hmomg5v+3aR3cxvRz1Vv0id3us7Vt9jVg/cxnQWdCJ8Hk18E8lH4fTTsx9UYtJv8LpJnkm"
    "1LlzT9RZLn1JzsX/VRi2jdXs+31HpUErTeFK37GFFq954+1LpuPMma8l+ZQMK0J1LNNYbk"
    "ZtutDcouwXwjBvHiK9N6o2FLov1RN5DypP2K3hzQB/jJZGyxMcD1/IBRrLuWgf3NH1X+1X"
    "CyMuSXwKNgDTb8D0YAWa7V27u77F31RQf5qTz7+iIbcylFBYr2t60YCmJYFhee6Mdfx0gN"
    "QGVDP3C6eSvFaG4E6A54elenQIvAmby16q7iV2RNfnJ+Evlu8k2+w7pW8KgWWa6se6eT6c"
    "muFemr1wg82TZNhZ0MT9b5m4A13YP122/luTZt6qvBdzV0NQXfvmavEitMlC3wZJuMtdi7"
    "uhkMzwV5vlK0R23cfxj0P/fH54KBnhX0goxHzb/ifha30MzR+xyKOYqbcKFeyK2oWtYGWi"
    "ivRQZ+KNFkdWw59MsHGK8U0lI2l0UgpmXKAXm/U3cE4vcnOSB+f5IKMbkFHAHf3mIejgDP"
    "q/rXrbQelSxB6820qZuuZAYlkNQycALVGMIU12YioxiylMRWiDbsdQGSpQH+fmdbkiU+lE"
    "uA+N7rpl3DOC+y1NtblLaqkpO5lE0kMhgZ53oni4+Z+S1KJWP+EC20WqtY/aKj9tUUX/8z"
    "RtH8I4a/jjVkKfuSSKJX7DyZJr4f4BFyOq8S+SES7kXyxJxf6Q1N0RHHv8/54Iz67K+W8f"
    "c8acgPsOMxj39JkYfwO8h4CmCoamWo3DGYH9hQAAwfhuEDjF/gk5/kIfxO0vm+kwTdR+Yb"
    "mxHUSIc3lOAQ4KNclOpRBqV6lKRU3TmdCfFmTjUQrg9tUV8jTSyGtzi67Q/PBSJJSNW70f"
    "VD/4qQqqauPrtL5P45PudpbLaBn5UDR0tVlAHH25h3TCPdcHEqAHZcjsM55ribA+7jbira"
    "5BYb7GK5nVEpDoEun8H2bO3iwzohyN80Uv6wDkArNq5jYvwhXf649pbp4uM6Icgf2uWP6w"
    "C0orn4ETH+kC5/XLtZpsWHdVyOP6zLH9U+ZsUGdVSKP5zLH9OwvWE/e0ok56cmkZ+g1xRe"
    "LyJUo/te0HUvJV7d/zLJBj0IV1+Php/85nFNwDaq5gx5U5Ul9LpWcJMtcjeS0pC/0eT8Dc"
    "jNSl/Q+c3Ngv1bvGk9z/4tjyDZRu0xUZjTm6NmVualG3zZKvUyIgp6brKen5FhMmNaqRkH"
    "lER9KQdHVc3UJecbxDJyckIak4KEyySwkCNcNcJ+KlwxdGNSgCwkCzcoWZhO79wRZpKjOq"
    "G64xTm2PscgXiMrY3x4HIiMpe8EjDmOyk7tspHoMXPIAzvr6/zFRSY6asVIt+egLxIPQEy"
    "oi/dnjga0FGrYfoXmlmSqmhfSwBr5PTGE1ZVJ/v7wysl558afdmp/9KMagn1GNpkCHWE9G"
    "x37Jkut8jzi4lxmH1WQT6Ui1nBbChaiEOYyw+wT/X5W5Ewr9+eC3DrjvFC3Cl9nLczAgFx"
    "p+9R63niTo4VWMgIoySAlQJGFXi/ZoFdKe/nbxcvgfPjGFpqhmxalQCPaknhDUIiZgNtoI"
    "cNN7EGYk8gNJGwMPSVIAtEXLB0QdeQ4Pbys3BALnYEMkg63kVBmf8gKKbgqv6dGNNPaZ0y"
    "ixf4o9xjuXx/2PuIFZtdyiBVqpOzgIDXgWzgh3Kwf4MKAnvnVGJq3WbbcKyLJvumGJD/3A"
    "/Gv50LbpHdt0etd3k5uh9OzgXvNBKypfh2NJ6QDcVr3cCfH/rjwcfBZW8yGA3PhWdkKAtl"
    "5iwwj9pk3Bve9S7dW1htmoknDefO1ejy/qZPOsZKtn02cv8bk8MXt4AFR8uA7cawjoFbSI"
    "e6nV5mHm4BvMyKfSAwzFtumAcpECmmOZ0iscE4p5Mzyq7rFfe1SS33uDUMdmmtla2gElOl"
    "tde90wrywus15xDd8i1st2oV6/iO9I2EtAxsJdxhK6H7RfhnKJpiOXxEAS0whUEdO6hD06"
    "3AW5bQSlbUQgpJEQeV7KASN6+QEBLSWleVWaF1gClc435zbGzasirWsjJUVWXIQc8ruVvo"
    "bUgRh7ehnLfBQvJqB5XQ4qCSclQyk9fyTLEYU9SGzVEJadgklbb7zIXKNky9SCFhpiyAnA"
    "RZlU3LDYAVLtbMEq2PNTxsCcCyMVsq2209jonC1uPmZHQxyHYIsXyHIRZI3+RN63nSNyHZ"
    "EJIN979s1nvsMzH0Sth1yBHc1e43xN9mr5Bxq5uK98DJCGW8TSczSum1ltZ0842JhL/oL/"
    "iWIcjC3DZIX4LfkbCUTYFM8oK1RAJ6xs6WoOpPwgFJCDSw2Bq38Rv/kMwmLLXnHTZD7jeW"
    "x+E5p+lhU8dldPTJXDYvlKdsb5MW5cbV/KnbPT4+6x4ev/9wenJ2dvrhMFg9k7eyltGLwS"
    "eykka0wzg9EUzW78RkTRhU+0m0ufITTBlL2BWVfJq+dNEpqptXrI8GQgJhbr1EdU0nK4Jg"
    "vpkWWnUE2bLk2RLNSeq6m8SeXJq26wI25DcrSQf/aqQWWdkDAQ4TSSpJ0ylakNpvDwGoHQ"
    "JQwDTytoDnYRqBcwLOaf+TXB2cU5W2aP85xRB1b2Raoei5jppNm05Jzrel0XWUyaHISoFD"
    "mU07ulfO/1zkOz2ZjC8tZARnUQKc2cG18ACQ0l4jEUYlXdubNrKmJF7b7dm92pg8Rmraym"
    "8lRYXAQGKlssy2Occ2KgUDOE8i7qz4Gba0DIcglz8lr+U3VZcZGKfTF5QIMBjAYACDAQzG"
    "3hdoYDC+LwZj4FaGERkchn+rk8ViKFQjqD3dpje9k+G8G2iBDIRf38InaUflKjp2eH85LZ"
    "WEvdzt0GycNxekCqVr3JnoGU5iMdDFy3EfWw5X54In/6jd9odXg+Gnc2GNtDnWw6N2Obq5"
    "ve67rfTVmsyTuN3H3uCaXFrIiko+97/cDsbkgnsWKr4y7Pev7qRx/2HQ/4yVidDclAz0rK"
    "CXR613ezsePZDmeCYz9GfS/qp/eT0YkmtzNFMVzfs1e99QT/7i3gyTYc1m02ehFH/HfVfy"
    "4jmgkUywwkj7QgB0LqCnimEt58yzhoiDxgY6IpTlm7UP8gyEiWsFx3UDu9AGVXDMLkBaK2"
    "9az7MTKzA4t3nbY7Kwv7Y5ik6+39jmV0jqwVaqTgiDrpusa6/WccFjhyNCUOshpQpwSmAx"
    "vSRsRAhghaNHIK7RKLBLj2swZuISUO6FPbVrusiLb3T9STkPlzEdl4At3ycNR1egwgcNVx"
    "mMG1IFIEVGRC5yv5MVltPiLTef8KIJSLOMN0FfCLJAKu79yxQU7Uf8HfjPVH/9WTggVzvu"
    "Bursg11264tZtNr2BmWwZxcqVu8zQrjdruv9bLjmJNcacqtrSeSr/5iLhi2kZTs0K2SaeL"
    "0rMmApEQ7H7HGuENtxRojtOBliI6TsFlQWJQYkVpNJLAhDpb9d7QxIQJJrE1Ynr7Z4AWQp"
    "CUAU6LUG0Wu+j1wP/9NWaKn3t0mZ2DS5c4VU5Rmx07KZ7Tp5ySDye0ORjazQSEOCcxKJfz"
    "KvgWbKWiEV9OSpblvONcer/1k4cP52wiaZHFGpPTMZI5psCCSzj/0Nc2k19Gphi4kcw0b+"
    "5tmw7iMrzW3n5SpjvzrwVMBTtZenCt+6BPpZewgoIQ69/+5pHsoKt0pPsD1NKwhQBGdKhE"
    "OUK+FYpvqccTjLBE/uKRnMXnsu8M3yqvtfJhGHOpF3GzjV16PhJ795PBk3/66YlBG9j50w"
    "3r4VsZZRXf5uE8/EYeCcnhlFiXBTNbfcE3CQYbAi8ekzRVSKh10ldU8XcYM9AX42ScoQ55"
    "ApbQkzmosQN4mJXlzRlBgEPJqsXwh4pK9ZEPCAgAfQ822g5/fDJUe0wOCQ41pK547jwwOK"
    "fLTqxe9kUKNwUE2VW97BfPlezJfE4po+5yd2Qux4BFr+XRBNGwNpC22UnFor0lf0titIaw"
    "XbL7xiBAfpbYQHN1mR835KgOnS7YlrtAgHhrEoY1RNvK54xcs/SWpHqOhjq3iEyQmn74hR"
    "cKICjwC5VRSVXV85qmIjjyjReUw7IhXfScc7XH5y0s5DLC37jEcADbTWjV3nrbHTCa8QWU"
    "he7QjQBHfBLTyGrJnyrIQJaxL2xCtYJC93R5Q4y1yOwENm75JWvweqK17hetGNrwtVf9kR"
    "qs9eN7zDJBn2rqPKh2psczWoqozTeMYBI0ITmg3psRkjbANRmbrGSfWl14lSXYQS6GZlTU"
    "fEuMg4rfwUtfbVXd8u21RMVlkf93tXv50LJBLz9qj1x+ORW02dpCA2pRL6UjallWzNlox1"
    "SddVJGvsdyEiF1POFAtWpZ3gSr2ZXRej0XUkPHYxiOdL3t9c9DH4Dva4keImKSSTV90JCS"
    "pNQ6XphqmCs5AxZLxBxltDwOYk481hERl+lM8upntRlt+iVB/qj8Qwcx4MitZ9vxlv+55V"
    "IecNDBgwYNoyj4EB0zwDhq5puJoiw1wq6xKinzdOZxxBXylnTiGWYu+FeGZbfdIqbFiy8e"
    "cblU5FJjD69mn0OZouhCwlAcsRlMyrf4H3Z48dF3bOMmviCzr1mkJpPK5L49HJT6w1P5ob"
    "lbHov8IeRs4W91D1hUPmLFkOmZ564+ZsqPcRK68N4ONuDoCPu+mFxrrJWu4LZCC8EDGtrK"
    "wkkKgcD3WEaqAtIeoNUe9GqgJIYyCNgTRuOWlcpWPkuKMMj8h3U9NdId8frjrq7ZT4BgZ0"
    "vzWwHR0UsCMDAQ6t9UrKL0NiQbUWuqGrKfhuztP2ZZuMtdi7uhkMzwV5vlI0kpz9MOh/7o"
    "9Jfvazgl6Q8aj5V9zP4haaqaB48DOeJ+SpoioWoy52PvXE+6gxmd77atV/qPzaeugNrnsX"
    "132sMb+PR+3i/u63c2Fqm2+P2v2QamNr0W/au97A5UqHHlwucLnA5Wq3y7W3CmIN405z7Q"
    "CWTRMPQzyn11dJrI0w+Stf7aV62ggWVOopBBdkE2ZCVSWDFimFwWDS4qUy0hm153hLyDJo"
    "kx3XySDQaNUWTjNgCjeZjIA8g2YCXH6eAQS+IfDdSFUACwMsDLAwLWdhqjTbg7JsDJOdLt"
    "mWbq6/0K2qNNUjB0wzYMUdPj2RXUKdjSdMB8XafJkOnDLdCAcB4r/Vxn+p8Z4/uzsQ4S8N"
    "9nv1tUSSrv9cNF67Jcjlx13nhrxgGPvpnlYgAI7WDo7W2p5ipJbYYXpGhsk0A1NXQKbsVm"
    "Z30yaUkjeFgjebDjW/3qy9nm+p9agkaL0pWvcxotSeiFcBhwEcxv7th3ozSaA+eo5Atmcj"
    "lQTUQ2hx8QJWHZwYGV8ZtJg3/DYzY+RIgFzsmDjSkIAbC/pC0PG/fgeCNxyEhW44N5xzwM"
    "6FA79Bx2/RcW/9ICim4OrwnRgDurIvYW5jodlByvB3OiBTSXxDS4TkCz1jFZED9WzNIntg"
    "Ohv5PfzzpLmNgNZrCK1X3F3c1Uls2kRWtpcYvEDJBUJ5SkWVluIJ1p+63ePjs+7h8fsPpy"
    "dnZ6cfDgN8k7eygL4YfCJYR/yBNPCLctVRKQ4Z6wrIVHv6F5oVP8QjLsch2OUnsfigFVoB"
    "o0I8zSnlEXrEdCkEKiUBDGkSUDdz/K0YplEhgDUJ6xytLcYJMamIBu3re+sPWwJlS4KA2x"
    "2C1JgooKHbVrGzvXwB/gLZlWQLmBZibaRID7MGAhBm3SHM6pwdloR9gl7T3DpfgIdxnRXe"
    "6X+ZZKMdRHeuR8NPfvO4CqJo09RSAvPs0FtMtITYW4t00exQWzLCCnH19KWknRHWPHH1ha"
    "K5WSfF1R4Thbe7yW83RNKr9mmCaFYhdGNSgCzkKOw5R4E1pkuAmcPz7eMQx97lJm5j8TMd"
    "MsL2VDJEjtA9FYcsu8IjKzQO9R0hTN32pS3KKRMrmr2SZWTrR6SAS4K90eD1FvJ6wVavyV"
    "YHA5ITA7KHDGW2ZNmN3p1Mc1EO20Cxoja92ltZg5klilLMQR5Sjrqnp3lijKenGRW/TxOl"
    "j/FLVQBhrzmH6B7liuAeZURwjxgHieuahbRCW2UpEbC8C1reCUuhzsXs2/8B9e4LvQ=="
)
