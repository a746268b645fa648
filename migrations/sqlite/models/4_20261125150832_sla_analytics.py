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
        ALTER TABLE "case" ADD "sla_paused_at" TIMESTAMP;
        ALTER TABLE "case" ADD "sla_warning_at" TIMESTAMP;
        ALTER TABLE "case" ADD "sla_breached_at" TIMESTAMP;
        ALTER TABLE "case" ADD "sla_order" BIGINT NOT NULL DEFAULT 4611686018427387904;
        ALTER TABLE "case_template" ADD "sla_business_hours" JSON;
        ALTER TABLE "case_template" ADD "sla_seconds" INT;
        ALTER TABLE "case_template" ADD "sla_paused_statuses" JSON;
        ALTER TABLE "case_template" ADD "sla_warning_seconds" INT;
        CREATE INDEX IF NOT EXISTS "idx_case_org_state" ON "case" ("organization_id", "state", "status");
        CREATE INDEX IF NOT EXISTS "idx_case_org_sla" ON "case" ("organization_id", "sla_order");
        CREATE INDEX IF NOT EXISTS "idx_case_org_resolved" ON "case" ("organization_id", "resolved_at");
        CREATE INDEX IF NOT EXISTS "idx_case_org_breached" ON "case" ("organization_id", "sla_breached_at");
        CREATE INDEX IF NOT EXISTS "idx_event_org_name_at" ON "event" ("organization_id", "name", "created_at");
        CREATE INDEX IF NOT EXISTS "idx_event_subject_name_at" ON "event" ("subject_type", "subject_id", "name", "created_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_event_subject_name_at";
        DROP INDEX IF EXISTS "idx_event_org_name_at";
        DROP INDEX IF EXISTS "idx_case_org_breached";
        DROP INDEX IF EXISTS "idx_case_org_resolved";
        DROP INDEX IF EXISTS "idx_case_org_sla";
        DROP INDEX IF EXISTS "idx_case_org_state";
        ALTER TABLE "case" DROP COLUMN "sla_paused_at";
        ALTER TABLE "case" DROP COLUMN "sla_warning_at";
        ALTER TABLE "case" DROP COLUMN "sla_breached_at";
        ALTER TABLE "case" DROP COLUMN "sla_order";
        ALTER TABLE "case_template" DROP COLUMN "sla_business_hours";
        ALTER TABLE "case_template" DROP COLUMN "sla_seconds";
        ALTER TABLE "case_template" DROP COLUMN "sla_paused_statuses";
        ALTER TABLE "case_template" DROP COLUMN "sla_warning_seconds";
        DROP TABLE IF EXISTS "sla_timer";"""


MODELS_STATE = (
    "eJztXVl3o8a2/issXm5nLZ0sW546zpNsqzu6x5b6yrI7OfFZBEkli9MIFAYPNzf//VYxFl"
    "AgEIOgej/ZgtoFfLuGPddf4kZfItX8cbBY6LZmiZfCX6ImbxD+J36rJ4jydhveIBcsea46"
    "bWWq0dy0DHlB+lrJqonwpSUyF4aytRRdw1c1W1XJRX2BGyrac3jJ1pQ/bSRZ+jOy1sjAN3"
    "7/N76saEv0hkz/5/abtFKQuoy8rLIkz3auS9b71rk20qxPTkPytLm00FV7o4WNt+/WWteC"
    "1or7+s9IQ4ZsIdK9Zdjk9cnbeR/qf5H7pmET9xUpmiVaybZqUZ87l8JroiSNJzPpfjiTJL"
    "EAQAtdI+DiVzWdr38mr/CP/vHpxenHk/PTj7iJ85rBlYu/3UeHwLiEDjzjmfi3c1+2ZLeF"
    "g3EIqoFWyEDaAkkseK/XssHGN04XQxp/QhxpH1cKag/IAGm/yYGg3shvkoq0Z2tN8D06yg"
    "D2cTC9/mUw/YBb/UAeqePp4E6TsXer794j6IdouxyQCDeSYP/3/WTMBttjXBLmpbKwhP8T"
    "VMVMDGwG3ImRncQ7nM4NAJ6BL8GC9LwxzT9VGtYPd4Nf44hf306uHHB003o2nF6cDq5i6F"
    "vys1kEdr89gF4C9IWBCDiSbCWhv8F3LGWD2PBHKeNM8Eh/9P/pICvwIiovJ5r67i10GayZ"
    "je6G97PB3ZcIf24GsyG503euvseufjiP8SzoRPg6mv0ikJ/CvybjYZyNQbvZv0TyTrJt6Z"
    "Kmv0ryklqT/as+ahGu29vlnlyPUgLX28J1HyOK7d7bh1zXjWdZU/5XJpAw5YlUcY1BuVt2"
    "6wKzKxDfiEC8+saU3mjYkmh/0g2kPGv/RO8O6CP8ZjKW2BjgenrAJNZdx8D+2x9V/tVwsT"
    "Lk10CjYA02/A9GAFmu1Du4vx7cDEUH+bm8+PYqG0sphQWK9qetGApiSBZXHumnf06RGoDK"
    "hn7kdPNeidDcCtAd8PS+ToEWgTN5a9PfxK/ImvzsfBJ5NnmSr7BuFTyqRZYq697pZWqyW0"
    "X65jUCTbZLS2EvQ5N1/iZgTddg/fZ7aa5tW/oa0F0NXU3Bd6jZm8QOE7UWeLRtxloc3NyN"
    "xpeCvNwo2pM2HT6Ohl+H00vBQC8KekXGk+ZfcX+Le3Dm+DwHY47jIlzIF3IrypatgVbKW5"
    "GBH1K0mR17Dv3qAcY7hbSWzXURiGmaakA+7NIdgfj8NAfE56epEJNbYCPgW1vMYyPA66r+"
    "bS+uRykr4Ho7Zeq2M5lhEkhyGWwC9QjClK3NREYxZCmKvRBt2XQBI0sL9P3evkaW+FCuAO"
    "IHr5tuDeO8yFKzt6jZqk6bzLVsIpFhkXGu97LsMQu/RaXGmN9FC222Kma/6LB9M8fX/x0z"
    "0fwlhl/HGrKUfEko0RtWnkwT3w/wCG06bxL5EAn3Inlkzld6Q1N0yPH3OT+cUZ/9aBk/51"
    "lDvoMdj3n8JUVewu+g1FvgJ+nqS3EEfLpSD3e/2fvHNgu9QEC7/9NVGfe0JKOmyHNVufRT"
    "53j4LNbFQffpMl4AbJKN2iTdVSc/sCEBiLoMURdsvIEV5jSPifc03cJ7mjDweotsAXhDCg"
    "4BPs5lRD/OMKIfJ43owa60jxU9IG4ObVHfIk0shrc4+TIcXwqEkpjR7ye3j8MbYkYPJYLD"
    "W3Wdt7HZKl1W1CNNVVPMI29j3hGGdcPFqQDYcToO15iTfg64T/qpaJNbbLCLRfNGqTgEun"
    "qfhaddFR/WCUL+lpHqh3UAWrFxHSPjD+nqx7W3TRcf1wlC/tCuflwHoBXNvoiQ8Yd09ePa"
    "jSsuPqzjdPxhXf2o9jErNqijVPzhXP2YhoSWw2QRSc6nJpGfobcUu16EqEH1vaDqXkmEwv"
    "DXWTboQYDC7WT82W8e5wQkzrVnyBOfBHrbKrjJHtE6SWqI2GlzxE7o90ow+kp5TnVdRMia"
    "816cnh8fn388Pzr+eNq/OPl48dPRaZzHKU1KuTR+6vdPTi76RyfnH89OLy7OPh4Fvo3krS"
    "wnx9XoM/FzRLiddHwQcF9lQ8NvtucMjFLDDGz7DNzKtrlXcGSCGHjddl7T/v49uB0jB363"
    "md8Q656+tfIb6w758LxxnTHZE/nwnvthH7bHSGFNbw+bWZksYZBkQT7HSIHPbebzCzJMZs"
    "RIqlJMUTSnEh/XtVJXHM0Xi3DOCWmMChJYksBCzlXdCPupBcXQjVEBspB81aLkKzpdpiTM"
    "JOdnRnXHKcyx+RyBeIqljenoeiYyt7wKMOY7yS22y0egxe8gjB9ub/MVaFromw0iT09AXq"
    "Q+ExnR125PHA3oqNQw/w9aWJKqaN8qAGvi9MYrVsTsSvQxoyRS96o8I93whFPdSab+NEzJ"
    "NaVmaXbKqbSgWkIdsC4JjD0hPecOa/DrPbINYmQcxsDXEJXtYlYwJpsm4hDm6sP85vryPY"
    "lwerCZ354LcJuONAP/XPo476anBvxz3yPX8/jnHCmwkBBGUYD1DizPYB9tF9i12kf9MkUV"
    "2EY5hpZaIdtWncozSaXYDUKD1Q6zgR423GU1EAcCMacJK0PfCLJAyAVLF3QNCW4vPwsfyM"
    "WeQAZJz7soKMsfBMUUXNb/KMb4U1mnzKJZ/ij3rIG+Puz9xIzNLqGVStXLWcbI60A28Es5"
    "2L9DHaOD21RibE2q+ruLl8S6aLNuigH5n4fR9LdLwT3c4f1JG1xfTx7Gs0vBOwWPFDb5Mp"
    "nOSFmTrW7g34/D6ejT6HowG03Gl8ILMpSVsnA2mCdtNh2M7wfX7i3MNs3Ei4Zz52Zy/XA3"
    "JB1jJtu+NfLw5VHCiVtAgqNpQHZjSMdgW0iHuptaZh7bAmiZNetAIJh3XDAPQkVSRHM6lG"
    "SHcE4HsVRdTzaua5MzhOLSMMilTcqlUA+y3jN/vFOy8sLrNecQ3eolbLd2JuvYuPRyBjQN"
    "FDQoUdDAfRD+DEVTLMceUYALTGJgRwl2aLoVaMsS2siKWoghKeTAkhIsceMviUFC2uqqsi"
    "i0DzCJG6x6g4VNW1bFRnaGumodOuh5Rz0Umg0p5DAbqpkNFpI3JVhCkwNLqmHJQt7KC8Vi"
    "LFE7ksgS1JBMlpal50JlG6Ze5DgDJi2AnARZlU3LdYAVPjKCRdqc1fCoIwCTgH0T4YewVu"
    "7MmlYUFYzc7MpU+wHMoAag2UB7dZ32sh2wyUvJIC1DvGkRxKm9ZJuKhkxTWus2KxkomyFJ"
    "auBHCZHQWKyV/cpwxEihDEd7onYZDlVwo3+HbnQI0eeN63lC9CGgHALKD79tVhdQnqtigc"
    "yU7Ytm4HMEd7055fhp9gYZX3RT8V44GYUSb9PLjETxWktbuvnOYPFf9Fd8yxBkYWkbpC/B"
    "70hYy6ZAFnnBWiMBvSDNElT9WfhAgr4NTLbFbfzGPyQjxivtuUTC+2HjNQ4bClNLknB6aI"
    "xjFnT4ydw2syq5J0i5MSc2XLUdRNbvRWRNCFSHCaa88ZMIGFvYDZVgkL510WkIu3esTwZC"
    "AjHFeMlImk52BMF8Ny206QmyZTmFyUl6kpuolNya9usCiq60KxATfzVSi+zsAQGHwYK1hG"
    "IWPfrIbw9BBiUsymBp5G0Dz2NpBJsT2JwOv8g1YXOqUxYdvqQIou6NTCkUvTRRly+auZ5E"
    "M1/auqsoY3KPKiVhnSww1ONMO5oP7f8u8kyPJv9DGd/oW1io/arQN5Or3iZX+sNLvo7f0+"
    "5XKqQbZFlKOFMPGjGPQDZXg/ZBKljF3lXDISVMxe5O4YbWhPBHF7W8sXA2FFDYFYu8sPYp"
    "7RqhggGcJwfFgaxgYVeKhkOQq1+St/K7qssMjNOtOhQJGHZKGHY8HKXUE53uN7Kqpi7VDP"
    "IDHu90XHqBPulfnAdrM/mRtSzf3w1ub6G4DdjKRLCVga2sFftG121lI7fOnMiwlvm3eln2"
    "MoVqBCdZdGmm9zLsIQZaIQPh6VtQEI/T7SWM785fOFz0VC0OVjcrio3z7vKWIXWDdQ48wU"
    "ksBrp4PR1iyeHmUvDon7Qvw/HNaPz5UtgibYn58KRdT+6+3A7dVvpmS9ZJ3O7TYHRLLq1k"
    "RSW/h79+GU3JBfS2VQxyZTwc3txL0+HjaPgVMxOhpSkZ6EVBr0/a4MuX6eSRNMcrmaG/kP"
    "Y3w2ssS5JrS7RQFc37moOX53GMyCvFMBnSbLZFMqSqad7xFtnggEZiDgsj7RMB0LmAniuG"
    "tV4yT3gkChob6AhRlm7WPcgzECaqFatmlCkVjcPxNnYGeGCwgUgcsC5Azt93xfU8OX+BwL"
    "nPbI/RQiZ3exidnN9Y5leIAX0vVieIgddt5rV3ckIxI3GUCMrCpLhdUny16QXmI0QAKxxk"
    "Bn6NVoFduV+DsRJXgPIg7Klby0VefKP7TwRa/ArC+OH2VmQtxxVg+2DmOha+o8BGd6AUYA"
    "/jjBtT5aRFhkcucr+X5ZbT4i13nxenCUizjHdBXwmyQOr3/pcpKNo/8DPwn7n+9rPwgVzt"
    "uan62cfEleuLeQSG7Q3KIDsczr84pIdwv/z+w6T2cxK+DuHqjcRGNn9oVss20qoVmg0yTb"
    "zfFRmwFAmHY/Ykl4vtJMPFdpJ0sRGj7B6mLIoMjFhtNmKBGyp9dnXTIQFBrm3YnbyTSgog"
    "S1EAomBea5F5zdeRm7H/dBVaav62KRKbNu7cIFV5QeywbGa7Xl5jEPnekGSnVWiiIcE514"
    "xUwXIKM6KFslVIrUZ5rtuWc83R6n8WPjh/e2GTTBtRpT0zLUa0sSGgTJiNoiUCglhaDb1Z"
    "WGIih7paOWsB+MhKS9uZXFWUAAA7FdipumunCmddAv2sHAKKiEPtv3+Wx2SFW6UH2J6l1V"
    "gogjNFwiHKtdhY5vqScdTbDC/uKRHMXnsu8M3Sqoe/ziIKdSLuNlCqbyfjz37zeDBu/qyY"
    "lBF9iEwYL29FbGRUV59t4ok4RU7Ookm4qc9c7Xl6yDBYnvj0lSJKxUNWSdPLRVxgT4CfbS"
    "RlkHNoKe2IZTSXQdwkInpxRlNk4PBoM3/B4ZG+Z4HDAxweYJ7vgnn+MLbkCBcYNuQ4l9Jt"
    "x/HhAUU+OjXxexmmUTgSqc6UdxBfvhfxJbG5pq/5iUyIkoft5c+CaNsYSNtoo8aprSJ9Q+"
    "9lQdoqWH7hFSM4snEnPLjJhpwsVQFM125PXKNFbGAYiypG1czrile8/DPLSkJFH5DGI0yO"
    "O70kRsHZHTwC5FZRVMpOOapiI48o0XFMJZGKZ9LxDpcfnFR6iKVFn/EIoIG2ulF23Zo6nf"
    "AKkanKEtFCjZIo3avyjHTDK04WkjclIZrhLriFx5A1U15UsLDPwp54BYvEL5dEibMI7wg8"
    "ZJerSEp4pLriFa5X3fi2UvXXklB99brhHSbJsMuOKh+qqc3VoKrTn+UJUQxPVihepfuwjL"
    "ANeK+aGif1l6gnTHURSqCbFV0eIeMiMrf2A/y6V59+v6hcMVmNfjoc3Px2KRCP1fuTNpxO"
    "J27VeRKqiVpSMX4tm9JGthZrxr6k6yqSNfZciNDFmDPHhHVxJ7jSbATc1WRyG3EjXo3ica"
    "UPd1dDDL6DPW6kuMEcySBfd0GCitxQkbtlrODMtQ6RgRAZ2BKwOYkMDAytDF2KNsKma1OB"
    "yTeXQiUOBPzSGkZW0A33sJ53wVrLlrBS8Nog4H/++GNpk2PT//hDWOE2WLsSlngVI0fyCI"
    "qFyU3BXKzR0lbRkrRg1Bus5xnMrPKFFyzxDY/D7GRy94l5MscDSCF1vEUapsPhPZUen7bN"
    "+qX4dTAdO9qON3u8U7V+8w7Vem+HduNNo4KSXkjFoZTXEanOx2THQQzuMlyYwRQdsLjVLA"
    "Z9LX3x5Fdfa76OauuYCydDdABh0IAPpQHHV4sKIOYslD0OLbVCtsmo4IQmMQwKfshSujHB"
    "8ltU6pj9PTFznReDEwO+33TDQ29UkHAIUjZ4RbqyjoFM2D6vCH2gxGaODHOtbCsIqb5zOu"
    "MI+loD8SjEUuS9EM9sqU/ahA0rFv58odIphw1C3yGFPofThZClKGA7gvMKmt/g/dWj5MbO"
    "WbpOfEOnpimcS8D1uQR0RhVrz48mXGVs+m9QQIqzzT1kfeE4fBYth5aeZoPx2VAfIgC/MY"
    "BP+jkAPumnV3nvJw/SWyED4Y2IKWVlZZZE6Xgo4tyA2RJC6SGUvpWsAKMxGI3BaNxxo3Gd"
    "ipGjjjI0Il9NTVeFfH24bq+3c74aWEAPewCZw4MCcmRAwKG0XsvZVxBYUK+EbuhqCr678y"
    "B82jZjLQ5u7kbjS0FebhSNZHw/joZfh1OS9P2ioFdkPGn+Ffe3uAdnaji56QWvE/JcURWL"
    "cShZPvbE+2gwQ997tOq/VH5uPQ5Gt4Or2yHmmN/Hk3b1cP/bpTC3zfcn7WFMtbG16JMOzj"
    "dQudKhB5ULVC5Qubqtch2sfHvLbKep8TmRTdw08TDEa3pzZdy7CJO/8zVeJ7mLYEGZ5EJw"
    "QTRhJlR1WtAi9TUZlrR4/c10i9pLvCVEGXRJjutlGNBo1hYOM2ASt9kYAXEG7QS4+jgDcH"
    "yD47uVrAArDFhhwArTcStMnWJ7UOudIbLTdeDTxfVXulWdonqkIBsDVtzh8zPJEurtLNIW"
    "VID3aXpQp60VCgL4f+v1/1LjPX90d0DCXxjs96priSRc/6Wov3ZPkGuoI2jIK4awn65pBQ"
    "SgaJVQtLb2HCO1xgrTCzJMphiYugMyafcSu9u2oFScFArabDrU/Gqz9na5J9ejlMD1tnDd"
    "x4hie8JfBTYMsGEcXn5oNpIEDl3L4cj2ZKSKgHoMJS5ewGrCJkbGV4ZZzBt+uy1j5JzBXN"
    "YxcaIhATcW9JWg43/9DgRvODjnHZAbziHsl8IHv0HPb9Fzb/0gKKbg8jB5wkJdD2GmsdDW"
    "QUrwdzogS0nmqQuhZqwiUi3T1iySA9Pbad/DnwfHL7TIrFdcXSyrJLZtIataSwwmUHKDUJ"
    "5TUaWpeIL1p37/5OSif3Ry/vHs9OLi7ONRgG/yVhbQV6PPBOuIPpAGflFbdZSKQ4t1DcZU"
    "e/4ftCh+MmicjkOwqw9i8UErtANGiXhaU6oz6DV+eALnFlI3cvy9GKZRIoA1CesSbS3Gsb"
    "OpiAbtm5v1Rx2BsiNOwP1OVm6NF9DQbavYgeE+AX+O7FqiBUwLsRIp0t2sAQG4WUu4WZ0D"
    "yZOwz9BbmlrnE/AwrrPcO8NfZ9loB96d28n4s988zoIo2rRpKYF5tustRlqB761DvGi3qy"
    "3pYQW/evpW0k0Pax6/+krR3KiT4myPkcLsbvPsBk963TpN4M0qhG6MCpCFGIUWnVRIeydL"
    "wkwnS3AKcWwutzGNxY90yHDbU8EQOVz3lB+y6gqPLNc41HcEN3XXt7aoTZlI0eydLCNaP0"
    "IFtiTIjQatt5DWC7J6Q7I6CJCcCJADZCiLNUtu9O5kioty2AaKFXVpau8lDWaWKEoRB3kI"
    "OeqfneXxMZ6dZVT8PkuUPsaTqgDCXnMO0T3O5cE9zvDgHjMOEtc1C2mFUmUpEpC8C0reCU"
    "mhyc3s7/8HRLSwpQ=="
)
