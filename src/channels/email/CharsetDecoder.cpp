#include "CharsetDecoder.h"

#include <QSet>
#include <QStringDecoder>

#include <cerrno>
#include <cstdint>
#include <iconv.h>

#include <array>
#include <map>

namespace tl::email {

namespace {

/// About 1,000 of the most frequent Chinese characters, simplified and traditional: real Chinese text is mostly
/// made of them, while GB18030 or Big5 bytes read in the other charset (or Cyrillic read as GB18030) give rare ones.
const QSet<char16_t>& commonHan() {
    static const QSet<char16_t> set = [] {
        const QString characters = QStringLiteral("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生"
                                                  "能而子那得于着下自之年过发后作里用道行所"
                                                  "然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样"
                                                  "理心她本前开但因只从想实日军者意无力它与长"
                                                  "把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手"
                                                  "应战向头文体政美相见被利什二等产或新己制身"
                                                  "果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及"
                                                  "比员解水名真论处走义各入几口认条平系气题活"
                                                  "尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期"
                                                  "市直德资命山金指克许统区保至队形社便空决治"
                                                  "展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品"
                                                  "住告类求据程北边死张该交规万取拉格望觉术领"
                                                  "共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极"
                                                  "林服快办议往元英士证近失转夫令准布始怎呢存"
                                                  "未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离"
                                                  "况亚请技际约示复病息究线似官火断精满支视消"
                                                  "越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标"
                                                  "谈吃图念六引历首医局突专费号尽另周较注语仅"
                                                  "考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态"
                                                  "护七兴派孩验责营星够章音跟志底站严巴例防族"
                                                  "供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客"
                                                  "纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破"
                                                  "网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错"
                                                  "承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊"
                                                  "伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停"
                                                  "木游龙树疑层冷洲冲射略范竟句室异激汉村哈策"
                                                  "演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚"
                                                  "善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮"
                                                  "宣佛岁航优怪香田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥"
                                                  "索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻"
                                                  "危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚"
                                                  "肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移"
                                                  "娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮"
                                                  "旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭"
                                                  "额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺"
                                                  "伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋"
                                                  "避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄"
                                                  "祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲"
                                                  "萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替"
                                                  "塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞"
                                                  "街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊"
                                                  "吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽"
                                                  "宇猛摆梅毁伸摩盟末乃悲拍丁赵订咖啡漏寄邮箱附件周"
                                                  "這個們來為國說時會對過發後裡種經麼學現當沒動還進樣開從實軍無與長機關"
                                                  "點業將兩間問應戰頭體見產話內給門員處義幾"
                                                  "認條氣題變總電數報結場計資區隊決馬書則聽卻達強難權設記類據邊張該規萬"
                                                  "覺術領確傳師觀讓識帶導爭運飛轉證準遠單羅"
                                                  "愛擊備連調團價黨華級離況亞請際約視滿須寫稱嗎顯標談圖歷醫專費號盡較語"
                                                  "僅隨響雖勢參眾構節劃敵陳態護興驗責營夠嚴"
                                                  "續講終緊黃絕圍織鬥雙紀採舉殺蘇訴細願錢網熱屬臉職樂剛狀獨彈創錯蘭試腦"
                                                  "預誰陽繼驚傷藥適衛險陸習勞財環歡獲負雲遊龍"
                                                  "樹層衝範異漢簡擔靜餘檢靈協佔徵揮勝階審堅媽劉讀壓銀買養懷執亂幫歲優鐵"
                                                  "稅藝陣腳惡塊頓島戶寶釋顧貨歐換聞壞討麗監臨"
                                                  "艦魚雜誤灣減測敗夢溫劍漸貴槍樓縣遺謝魯慮銷鐘劇損舊錄葉鄉禮婦歸飯額順"
                                                  "輸搖脫補謂療澤滅筆鮮詞聖擇尋廠煙諾倫奧賣載"
                                                  "宮陰園謀榮孫頂鎮練爺館礎寧紙諸訓莊絲戲隱訪軟薩盤擴蓋穩億擁楊齊賽虛購"
                                                  "揚綠貿畢輪庫跡競棄偉緩潛閃燈絡純頁傑築鄭貝"
                                                  "吳圓殘誠寬擺毀趙訂機漏郵箱謝");
        QSet<char16_t> result;
        for (QChar character : characters)
            result.insert(character.unicode());
        return result;
    }();
    return set;
}

bool isCommonPunctuation(char32_t c) {
    switch (c) {
    case 0x00A0:
    case 0x00AB:
    case 0x00BB:
    case 0x00B7:
    case 0x00B0:
    case 0x2013:
    case 0x2014:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2022:
    case 0x2026:
    case 0x2116:
    case 0x20AC:
    case 0x060C:
    case 0x061B:
    case 0x061F:
    case 0x066A:
    case 0x066B:
    case 0x066C:
    case 0x200C:
    case 0x200D:
    case 0x200E:
    case 0x200F:
        return true;
    default:
        break;
    }
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x0660 && c <= 0x0669) ||
           (c >= 0x06F0 && c <= 0x06F9);
}

/// Letters frequent in the languages the guess is for; a correct reading of real text is full of them.
bool isFrequentLetter(char32_t c) {
    static const QString frequent = QStringLiteral("оеаинтсрвлкмдпуąęółśżźćńěščřžýáíéúůاليمنروهدبتکسش");
    return c <= 0xFFFF && frequent.contains(QChar(static_cast<char16_t>(c)));
}

using IconvHandle = iconv_t;
const IconvHandle invalidHandle = reinterpret_cast<IconvHandle>(static_cast<intptr_t>(-1));

/// The iconv descriptors to UTF-8 of one thread, by charset, kept for the thread's life: glibc loads a charset's
/// gconv module on iconv_open and unloads it on iconv_close, which cost more than most conversions (a mailbox's
/// worker converts thousands of messages in a few charsets).
class IconvCache final {
public:
    IconvCache() = default;
    ~IconvCache() {
        for (const auto& [charset, handle] : m_handles) {
            if (handle != invalidHandle)
                iconv_close(handle);
        }
    }
    IconvCache(const IconvCache&) = delete;
    IconvCache& operator=(const IconvCache&) = delete;

    /// The descriptor for \a charset (invalidHandle when iconv does not know it).
    IconvHandle handle(const QByteArray& charset) {
        const auto found = m_handles.find(charset);
        if (found != m_handles.end())
            return found->second;
        // Bounded: a message may name any charset, and unknown ones are remembered as such.
        if (m_handles.size() >= 64) {
            for (const auto& [name, open] : m_handles) {
                if (open != invalidHandle)
                    iconv_close(open);
            }
            m_handles.clear();
        }
        return m_handles.emplace(charset, iconv_open("UTF-8", charset.constData())).first->second;
    }

private:
    std::map<QByteArray, IconvHandle> m_handles;
};

IconvHandle cachedHandle(const QByteArray& charset) {
    thread_local IconvCache cache;
    return cache.handle(charset);
}

/// iconv from \a charset to UTF-8; \a strict stops at the first invalid byte, else each becomes U+FFFD.
std::optional<QString> convert(QByteArrayView bytes, const QByteArray& charset, bool strict) {
    if (charset == "UTF-8") {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder.decode(bytes);
        if (strict && decoder.hasError())
            return std::nullopt;
        return text;
    }
    IconvHandle handle = cachedHandle(charset);
    if (handle == invalidHandle)
        return std::nullopt;
    iconv(handle, nullptr, nullptr, nullptr, nullptr);
    QByteArray output(bytes.size() * 2 + 16, Qt::Uninitialized);
    char* input = const_cast<char*>(bytes.data());
    size_t inputLeft = static_cast<size_t>(bytes.size());
    char* cursor = output.data();
    size_t outputLeft = static_cast<size_t>(output.size());
    bool failed = false;
    const auto grow = [&] {
        const qsizetype used = cursor - output.data();
        output.resize(output.size() * 2);
        cursor = output.data() + used;
        outputLeft = static_cast<size_t>(output.size() - used);
    };
    while (inputLeft > 0) {
        if (iconv(handle, &input, &inputLeft, &cursor, &outputLeft) != static_cast<size_t>(-1))
            break;
        if (errno == E2BIG) {
            grow();
            continue;
        }
        if (strict) {
            failed = true;
            break;
        }
        // EILSEQ or EINVAL (a truncated sequence at the end): one replacement character, skip one byte.
        while (outputLeft < 3)
            grow();
        static constexpr std::array<char, 3> replacement{'\xEF', '\xBF', '\xBD'};
        for (char byte : replacement) {
            *cursor++ = byte;
            --outputLeft;
        }
        ++input;
        --inputLeft;
        iconv(handle, nullptr, nullptr, nullptr, nullptr);
    }
    if (!failed) {
        while (iconv(handle, nullptr, nullptr, &cursor, &outputLeft) == static_cast<size_t>(-1) && errno == E2BIG)
            grow();
    }
    if (failed)
        return std::nullopt;
    output.truncate(cursor - output.data());
    return QString::fromUtf8(output);
}

bool isAscii(QByteArrayView bytes) {
    for (char byte : bytes) {
        if (static_cast<unsigned char>(byte) >= 0x80)
            return false;
    }
    return true;
}

} // namespace

QByteArray CharsetDecoder::effectiveCharset(QByteArrayView label) {
    QByteArray name = label.toByteArray().trimmed().toLower();
    while (name.size() >= 2 && (name.startsWith('"') || name.startsWith('\'')))
        name = name.mid(1, name.size() - 2).trimmed();
    if (const qsizetype star = name.indexOf('*'); star >= 0) // RFC 2231 language: utf-8*pl
        name.truncate(star);
    if (name.isEmpty() || name == "us-ascii" || name == "ascii" || name == "ansi_x3.4-1968" || name == "us" ||
        name == "unknown-8bit" || name == "x-unknown" || name == "unknown")
        return {};
    if (name == "utf-8" || name == "utf8" || name == "unicode-1-1-utf-8" || name == "x-unicode20utf8")
        return "UTF-8";
    if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "euc-cn" || name == "cp936" ||
        name == "gb_2312-80" || name == "csgb2312" || name == "chinese" || name == "x-euc-cn" || name == "gb18030" ||
        name == "windows-936")
        return "GB18030";
    if (name == "big5" || name == "big-5" || name == "x-x-big5" || name == "cn-big5" || name == "csbig5" ||
        name == "x-big5" || name == "cp950" || name == "windows-950")
        return "BIG5";
    if (name == "big5-hkscs")
        return "BIG5-HKSCS";
    if (name == "iso-8859-1" || name == "iso8859-1" || name == "iso_8859-1" || name == "latin1" || name == "l1" ||
        name == "cp1252" || name == "windows-1252" || name == "x-cp1252")
        return "WINDOWS-1252";
    if (name == "ks_c_5601-1987" || name == "euc-kr" || name == "ks_c_5601" || name == "cp949")
        return "CP949";
    if (name == "iso-8859-8-i")
        return "ISO-8859-8";
    if (name == "shift_jis" || name == "sjis" || name == "x-sjis" || name == "ms_kanji" || name == "windows-31j")
        return "CP932";
    if (name == "tis-620" || name == "windows-874")
        return "CP874";
    if (name.startsWith("x-") && name.size() > 2 && name != "x-mac-cyrillic")
        name = name.mid(2); // x-windows-1250 and the like
    if (name.startsWith("cp125") && name.size() == 6)
        return "WINDOWS-" + name.mid(2);
    return name.toUpper();
}

std::optional<QString> CharsetDecoder::decodeStrict(QByteArrayView bytes, QByteArrayView charset) {
    const QByteArray name = effectiveCharset(charset);
    if (name.isEmpty())
        return isAscii(bytes) ? std::optional<QString>(QString::fromLatin1(bytes)) : std::nullopt;
    if (name == "BIG5") { // CP950 and BIG5-HKSCS extend Big5 with characters Taiwanese and Hong Kong mail uses
        for (const QByteArray& variant : {QByteArray("BIG5"), QByteArray("CP950"), QByteArray("BIG5-HKSCS")}) {
            if (std::optional<QString> text = convert(bytes, variant, true))
                return text;
        }
        return std::nullopt;
    }
    return convert(bytes, name, true);
}

std::optional<QString> CharsetDecoder::decodeLenient(QByteArrayView bytes, QByteArrayView charset) {
    const QByteArray name = effectiveCharset(charset);
    return convert(bytes, name.isEmpty() ? QByteArray("UTF-8") : name, false);
}

double CharsetDecoder::plausibility(QStringView text) {
    double score = 0;
    const QList<uint> characters = text.toUcs4();
    const QSet<char16_t>& common = commonHan();
    qsizetype index = 0;
    while (index < characters.size()) {
        const char32_t c = characters.at(index);
        if (c < 0x80) {
            ++index;
            continue;
        }
        if (!QChar::isLetter(c)) {
            if (isCommonPunctuation(c))
                score += 0;
            else if ((c >= 0x80 && c <= 0x9F) || c == 0xFFFD || QChar::category(c) == QChar::Other_PrivateUse)
                score -= 3;
            else
                score -= 1;
            ++index;
            continue;
        }
        // A word: a run of letters (ASCII ones included) around this non-ASCII letter.
        qsizetype start = index;
        while (start > 0 && QChar::isLetter(characters.at(start - 1)))
            --start;
        qsizetype end = index;
        while (end < characters.size() && QChar::isLetter(characters.at(end)))
            ++end;
        QChar::Script script = QChar::Script_Unknown;
        bool oneScript = true;
        int upper = 0;
        int lower = 0;
        bool caseBroken = false;
        for (qsizetype i = start; i < end; ++i) {
            const char32_t letter = characters.at(i);
            const QChar::Script letterScript = QChar::script(letter);
            if (script == QChar::Script_Unknown)
                script = letterScript;
            else if (letterScript != script && letterScript != QChar::Script_Common &&
                     letterScript != QChar::Script_Inherited)
                oneScript = false;
            if (QChar::isUpper(letter)) {
                ++upper;
                if (i > start && lower > 0)
                    caseBroken = true; // an upper-case letter after a lower-case one: "пРИВЕТ"
            } else if (QChar::isLower(letter)) {
                ++lower;
            }
            if (letterScript == QChar::Script_Han)
                score += letter <= 0xFFFF && common.contains(static_cast<char16_t>(letter)) ? 1.0 : -0.5;
            else if (letter >= 0x80 && isFrequentLetter(letter))
                score += 0.3;
        }
        if (upper > 1 && lower > 0)
            caseBroken = true; // "ПРиВЕТ"
        if (oneScript && !caseBroken)
            score += lower == 0 && upper > 1 ? 0.5 : 1.0;
        else
            score -= 2.0;
        index = end;
    }
    return score;
}

CharsetDecoder::Decoded CharsetDecoder::guess(QByteArrayView bytes) {
    Decoded best;
    if (isAscii(bytes)) {
        best.text = QString::fromLatin1(bytes);
        best.charset = "US-ASCII";
        best.guessed = true;
        return best;
    }
    if (std::optional<QString> text = convert(bytes, "UTF-8", true)) {
        best.text = *text;
        best.charset = "UTF-8";
        best.guessed = true;
        return best;
    }
    static const std::array<QByteArray, 8> candidates{"GB18030",      "BIG5",       "WINDOWS-1251", "KOI8-R",
                                                      "WINDOWS-1250", "ISO-8859-2", "WINDOWS-1256", "WINDOWS-1252"};
    double bestScore = 0;
    bool found = false;
    for (const QByteArray& candidate : candidates) {
        std::optional<QString> text = decodeStrict(bytes, candidate);
        if (!text)
            continue;
        const double score = plausibility(*text);
        if (!found || score > bestScore) {
            found = true;
            bestScore = score;
            best.text = std::move(*text);
            best.charset = candidate;
        }
    }
    if (!found) {
        best.text = convert(bytes, "WINDOWS-1252", false).value_or(QString());
        best.charset = "WINDOWS-1252";
    }
    best.guessed = true;
    return best;
}

CharsetDecoder::Decoded CharsetDecoder::decode(QByteArrayView bytes, QByteArrayView declared) {
    const QByteArray label = declared.toByteArray().trimmed();
    const QByteArray name = effectiveCharset(label);
    if (name.isEmpty()) {
        Decoded guessed = guess(bytes);
        if (guessed.charset != "US-ASCII" && guessed.charset != "UTF-8")
            guessed.warning = QStringLiteral("8-bit text without a charset label; read as %1 (a guess)")
                                  .arg(QString::fromLatin1(guessed.charset));
        return guessed;
    }
    if (std::optional<QString> text = decodeStrict(bytes, name)) {
        // A legal reading can still be the wrong one (KOI8-R labelled windows-1251): a single-byte label whose
        // reading makes no sense yields to a guess that clearly does.
        if (name != "UTF-8" && name != "GB18030" && name != "BIG5" && !isAscii(bytes)) {
            const double declaredScore = plausibility(*text);
            if (declaredScore < 0) {
                Decoded guessed = guess(bytes);
                if (guessed.charset != name && plausibility(guessed.text) > declaredScore + 4) {
                    guessed.warning = QStringLiteral("text labelled %1 does not read as %1; read as %2 (a guess)")
                                          .arg(QString::fromLatin1(label), QString::fromLatin1(guessed.charset));
                    return guessed;
                }
            }
        }
        return {*text, name, false, {}};
    }
    Decoded guessed = guess(bytes);
    const bool knownLabel = decodeLenient(QByteArrayView(), name).has_value();
    if (knownLabel) {
        // The label is known but the bytes break it: either mislabelled (the guess reads cleanly) or damaged.
        const std::optional<QString> lenient = decodeLenient(bytes, name);
        if (lenient && plausibility(*lenient) >= plausibility(guessed.text)) {
            return {*lenient, name, false,
                    QStringLiteral("invalid bytes in %1 text were replaced").arg(QString::fromLatin1(label))};
        }
        guessed.warning = QStringLiteral("text labelled %1 is not valid %1; read as %2 (a guess)")
                              .arg(QString::fromLatin1(label), QString::fromLatin1(guessed.charset));
    } else {
        guessed.warning = QStringLiteral("unknown charset \"%1\"; read as %2 (a guess)")
                              .arg(QString::fromLatin1(label), QString::fromLatin1(guessed.charset));
    }
    return guessed;
}

} // namespace tl::email
