/*
 * Analysis components and the root endpoint for the embedded Elasticsearch 8
 * node (see ElasticsearchNode.java).
 *
 * A real Elasticsearch distribution ships these in its "analysis-common" and
 * "rest-root" modules, which are not published on Maven Central.  This plugin
 * re-creates the parts the portal needs, directly on top of Lucene, using the
 * same names and settings as Elasticsearch so the same index settings work
 * against a real cluster:
 *
 *   tokenizers:   lowercase, letter, whitespace, keyword, classic,
 *                 ngram/nGram, edge_ngram/edgeNGram (min_gram, max_gram, token_chars)
 *   token filters: lowercase (language: greek|irish|turkish), uppercase, asciifolding
 *                 (preserve_original), ngram/nGram, edge_ngram/edgeNGram, stemmer
 *                 (language|name), snowball (language), porter_stem, kstem, elision
 *                 (articles, articles_case), trim, truncate, unique, length, reverse,
 *                 keyword_marker, apostrophe, decimal_digit, cjk_width, cjk_bigram,
 *                 *_normalization (arabic, german, hindi, indic, persian, serbian,
 *                 sorani, bengali), scandinavian_folding, scandinavian_normalization,
 *                 classic, word_delimiter_graph (defaults only)
 *   analyzers:    arabic, armenian, basque, bengali, brazilian, bulgarian, catalan,
 *                 cjk, czech, danish, dutch, english, estonian, finnish, french,
 *                 galician, german, greek, hindi, hungarian, indonesian, irish,
 *                 italian, latvian, lithuanian, norwegian, persian, portuguese,
 *                 romanian, russian, serbian, sorani, spanish, swedish, thai, turkish
 *                 (stopwords / stem_exclusion settings honoured where Lucene allows)
 *   REST:         GET / and HEAD / (cluster info, used by client.info()/ping()).
 */
package org.elasticsearch.node;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.env.Environment;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

public class PortalAnalysisPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    private static final String LUCENE = "org.apache.lucene.analysis.";

    // ------------------------------------------------------------------ helpers

    private static TokenFilterFactory filter(String name, Settings settings, Function<TokenStream, TokenStream> f) {
        return new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream tokenStream) {
                return f.apply(tokenStream);
            }
        };
    }

    private static TokenizerFactory tokenizer(IndexSettings idx, String name, Settings settings, Supplier<Tokenizer> f) {
        return new AbstractTokenizerFactory(idx, settings, name) {
            @Override
            public Tokenizer create() {
                return f.get();
            }
        };
    }

    private static TokenStream construct(String className, TokenStream in) {
        try {
            return (TokenStream) Class.forName(LUCENE + className).getConstructor(TokenStream.class).newInstance(in);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create " + className, e);
        }
    }

    private static AnalysisProvider<TokenFilterFactory> simpleFilter(String className) {
        return (idx, env, name, settings) -> filter(name, settings, ts -> construct(className, ts));
    }

    private static void checkNgramDiff(IndexSettings idx, int min, int max, String what) {
        int maxAllowed = idx.getMaxNgramDiff();
        if (max - min > maxAllowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in " + what + " must be less than or equal to: [" + maxAllowed
                    + "] but was [" + (max - min) + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                    + "] index level setting."
            );
        }
    }

    /** token_chars of the ngram tokenizers: letter, digit, whitespace, punctuation, symbol, custom. */
    private static IntPredicate tokenChars(Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes.isEmpty()) {
            return c -> true;
        }
        String custom = settings.get("custom_token_chars", "");
        IntPredicate p = c -> false;
        for (String cls : classes) {
            IntPredicate q = switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter" -> Character::isLetter;
                case "digit" -> Character::isDigit;
                case "whitespace" -> Character::isWhitespace;
                case "punctuation" -> c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                };
                case "symbol" -> c -> switch (Character.getType(c)) {
                    case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
                    default -> false;
                };
                case "custom" -> c -> custom.indexOf(c) >= 0;
                default -> throw new IllegalArgumentException("Unknown token type: '" + cls + "'");
            };
            p = p.or(q);
        }
        return p;
    }

    // ------------------------------------------------------------------ stemmers

    /** Elasticsearch's "stemmer" token filter languages, mapped to Lucene stemmers. */
    private static final Map<String, Function<TokenStream, TokenStream>> STEMMERS = new HashMap<>();

    private static void snowball(String esName, String snowballName) {
        STEMMERS.put(esName, ts -> new SnowballFilter(ts, snowballName));
    }

    private static void lucene(String esName, String className) {
        STEMMERS.put(esName, ts -> construct(className, ts));
    }

    static {
        lucene("arabic", "ar.ArabicStemFilter");
        snowball("armenian", "Armenian");
        snowball("basque", "Basque");
        lucene("bengali", "bn.BengaliStemFilter");
        lucene("brazilian", "br.BrazilianStemFilter");
        lucene("bulgarian", "bg.BulgarianStemFilter");
        snowball("catalan", "Catalan");
        lucene("czech", "cz.CzechStemFilter");
        snowball("danish", "Danish");
        snowball("dutch", "Dutch");
        snowball("dutch_kp", "Kp");
        snowball("kp", "Kp");
        lucene("english", "en.PorterStemFilter");
        lucene("porter", "en.PorterStemFilter");
        lucene("light_english", "en.KStemFilter");
        lucene("kstem", "en.KStemFilter");
        lucene("minimal_english", "en.EnglishMinimalStemFilter");
        lucene("possessive_english", "en.EnglishPossessiveFilter");
        snowball("porter2", "English");
        snowball("lovins", "Lovins");
        snowball("estonian", "Estonian");
        snowball("finnish", "Finnish");
        lucene("light_finnish", "fi.FinnishLightStemFilter");
        snowball("french", "French");
        lucene("light_french", "fr.FrenchLightStemFilter");
        lucene("minimal_french", "fr.FrenchMinimalStemFilter");
        lucene("galician", "gl.GalicianStemFilter");
        lucene("minimal_galician", "gl.GalicianMinimalStemFilter");
        snowball("german", "German");
        snowball("german2", "German2");
        lucene("light_german", "de.GermanLightStemFilter");
        lucene("minimal_german", "de.GermanMinimalStemFilter");
        lucene("greek", "el.GreekStemFilter");
        lucene("hindi", "hi.HindiStemFilter");
        snowball("hungarian", "Hungarian");
        lucene("light_hungarian", "hu.HungarianLightStemFilter");
        lucene("indonesian", "id.IndonesianStemFilter");
        snowball("irish", "Irish");
        snowball("italian", "Italian"); // as Elasticsearch: "italian" is Snowball, light_italian is Lucene's light stemmer
        lucene("light_italian", "it.ItalianLightStemFilter");
        lucene("latvian", "lv.LatvianStemFilter");
        snowball("lithuanian", "Lithuanian");
        snowball("norwegian", "Norwegian");
        lucene("light_norwegian", "no.NorwegianLightStemFilter");
        lucene("minimal_norwegian", "no.NorwegianMinimalStemFilter");
        STEMMERS.put("light_nynorsk", ts -> new org.apache.lucene.analysis.no.NorwegianLightStemFilter(ts,
            org.apache.lucene.analysis.no.NorwegianLightStemmer.NYNORSK));
        STEMMERS.put("minimal_nynorsk", ts -> new org.apache.lucene.analysis.no.NorwegianMinimalStemFilter(ts,
            org.apache.lucene.analysis.no.NorwegianLightStemmer.NYNORSK));
        snowball("portuguese", "Portuguese");
        lucene("light_portuguese", "pt.PortugueseLightStemFilter");
        lucene("minimal_portuguese", "pt.PortugueseMinimalStemFilter");
        lucene("portuguese_rslp", "pt.PortugueseStemFilter");
        snowball("romanian", "Romanian");
        snowball("russian", "Russian");
        lucene("light_russian", "ru.RussianLightStemFilter");
        snowball("serbian", "Serbian");
        lucene("sorani", "ckb.SoraniStemFilter");
        snowball("spanish", "Spanish");
        lucene("light_spanish", "es.SpanishLightStemFilter");
        lucene("spanish_plural", "es.SpanishPluralStemFilter");
        snowball("swedish", "Swedish");
        lucene("light_swedish", "sv.SwedishLightStemFilter");
        snowball("turkish", "Turkish");
    }

    // ------------------------------------------------------------------ language analyzers

    /** Elasticsearch language analyzer names, mapped to Lucene analyzer classes. */
    private static final Map<String, String> ANALYZERS = new HashMap<>();

    static {
        String[][] table = {
            { "arabic", "ar.ArabicAnalyzer" }, { "armenian", "hy.ArmenianAnalyzer" }, { "basque", "eu.BasqueAnalyzer" },
            { "bengali", "bn.BengaliAnalyzer" }, { "brazilian", "br.BrazilianAnalyzer" }, { "bulgarian", "bg.BulgarianAnalyzer" },
            { "catalan", "ca.CatalanAnalyzer" }, { "cjk", "cjk.CJKAnalyzer" }, { "czech", "cz.CzechAnalyzer" },
            { "danish", "da.DanishAnalyzer" }, { "dutch", "nl.DutchAnalyzer" }, { "english", "en.EnglishAnalyzer" },
            { "estonian", "et.EstonianAnalyzer" }, { "finnish", "fi.FinnishAnalyzer" }, { "french", "fr.FrenchAnalyzer" },
            { "galician", "gl.GalicianAnalyzer" }, { "german", "de.GermanAnalyzer" }, { "greek", "el.GreekAnalyzer" },
            { "hindi", "hi.HindiAnalyzer" }, { "hungarian", "hu.HungarianAnalyzer" }, { "indonesian", "id.IndonesianAnalyzer" },
            { "irish", "ga.IrishAnalyzer" }, { "italian", "it.ItalianAnalyzer" }, { "latvian", "lv.LatvianAnalyzer" },
            { "lithuanian", "lt.LithuanianAnalyzer" }, { "norwegian", "no.NorwegianAnalyzer" }, { "persian", "fa.PersianAnalyzer" },
            { "portuguese", "pt.PortugueseAnalyzer" }, { "romanian", "ro.RomanianAnalyzer" }, { "russian", "ru.RussianAnalyzer" },
            { "serbian", "sr.SerbianAnalyzer" }, { "sorani", "ckb.SoraniAnalyzer" }, { "spanish", "es.SpanishAnalyzer" },
            { "swedish", "sv.SwedishAnalyzer" }, { "thai", "th.ThaiAnalyzer" }, { "turkish", "tr.TurkishAnalyzer" }, };
        for (String[] row : table) {
            ANALYZERS.put(row[0], LUCENE + row[1]);
        }
    }

    private static Analyzer languageAnalyzer(String className, Environment env, Settings settings) {
        try {
            Class<?> cls = Class.forName(className);
            CharArraySet defaults;
            try {
                defaults = (CharArraySet) cls.getMethod("getDefaultStopSet").invoke(null);
            } catch (NoSuchMethodException e) {
                defaults = CharArraySet.EMPTY_SET;
            }
            CharArraySet stop = Analysis.parseStopWords(env, settings, defaults);
            CharArraySet exclusion = Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET);
            for (Constructor<?> c : cls.getConstructors()) {
                Class<?>[] p = c.getParameterTypes();
                if (p.length == 2 && p[0] == CharArraySet.class && p[1] == CharArraySet.class) {
                    return (Analyzer) c.newInstance(stop, exclusion);
                }
            }
            for (Constructor<?> c : cls.getConstructors()) {
                Class<?>[] p = c.getParameterTypes();
                if (p.length == 1 && p[0] == CharArraySet.class) {
                    return (Analyzer) c.newInstance(stop);
                }
            }
            return (Analyzer) cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create analyzer " + className, e);
        }
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> map = new HashMap<>();
        for (Map.Entry<String, String> e : ANALYZERS.entrySet()) {
            String className = e.getValue();
            map.put(e.getKey(), (idx, env, name, settings) -> {
                Analyzer analyzer = languageAnalyzer(className, env, settings);
                return new AbstractIndexAnalyzerProvider<Analyzer>(name, settings) {
                    @Override
                    public Analyzer get() {
                        return analyzer;
                    }
                };
            });
        }
        return map;
    }

    // ------------------------------------------------------------------ tokenizers

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> map = new HashMap<>();
        map.put("letter", (idx, env, name, s) -> tokenizer(idx, name, s, LetterTokenizer::new));
        map.put("lowercase", (idx, env, name, s) -> tokenizer(idx, name, s, LowerCaseTokenizer::new));
        map.put("whitespace", (idx, env, name, s) -> tokenizer(idx, name, s, WhitespaceTokenizer::new));
        map.put("keyword", (idx, env, name, s) -> tokenizer(idx, name, s, KeywordTokenizer::new));
        map.put("classic", (idx, env, name, s) -> tokenizer(idx, name, s, org.apache.lucene.analysis.classic.ClassicTokenizer::new));
        AnalysisProvider<TokenizerFactory> ngram = (idx, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            checkNgramDiff(idx, min, max, "NGram Tokenizer");
            IntPredicate chars = tokenChars(s);
            return tokenizer(idx, name, s, () -> new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            });
        };
        AnalysisProvider<TokenizerFactory> edge = (idx, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            IntPredicate chars = tokenChars(s);
            return tokenizer(idx, name, s, () -> new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            });
        };
        map.put("ngram", ngram);
        map.put("nGram", ngram);
        map.put("edge_ngram", edge);
        map.put("edgeNGram", edge);
        return map;
    }

    /** Letters only, lowercased (Lucene 9 dropped LowerCaseTokenizer; CharTokenizer has no normalize hook). */
    static final class LowerCaseTokenizer extends Tokenizer {
        private final org.apache.lucene.analysis.tokenattributes.CharTermAttribute term = addAttribute(
            org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class
        );
        private final org.apache.lucene.analysis.tokenattributes.OffsetAttribute offset = addAttribute(
            org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class
        );
        private String text;
        private int pos;

        @Override
        public boolean incrementToken() throws java.io.IOException {
            clearAttributes();
            if (text == null) {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[4096];
                for (int n; (n = input.read(buf)) != -1;) {
                    sb.append(buf, 0, n);
                }
                text = sb.toString();
                pos = 0;
            }
            int len = text.length();
            while (pos < len && Character.isLetter(text.codePointAt(pos)) == false) {
                pos += Character.charCount(text.codePointAt(pos));
            }
            if (pos >= len) {
                return false;
            }
            int start = pos;
            while (pos < len && Character.isLetter(text.codePointAt(pos))) {
                term.append(new String(Character.toChars(Character.toLowerCase(text.codePointAt(pos)))));
                pos += Character.charCount(text.codePointAt(pos));
            }
            offset.setOffset(correctOffset(start), correctOffset(pos));
            return true;
        }

        @Override
        public void end() throws java.io.IOException {
            super.end();
            int fin = correctOffset(text == null ? 0 : text.length());
            offset.setOffset(fin, fin);
        }

        @Override
        public void reset() throws java.io.IOException {
            super.reset();
            text = null;
            pos = 0;
        }
    }

    // ------------------------------------------------------------------ token filters

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> map = new HashMap<>();
        map.put("lowercase", (idx, env, name, s) -> {
            String lang = s.get("language");
            if (lang == null) return filter(name, s, LowerCaseFilter::new);
            return switch (lang.toLowerCase(Locale.ROOT)) {
                case "greek" -> filter(name, s, org.apache.lucene.analysis.el.GreekLowerCaseFilter::new);
                case "irish" -> filter(name, s, org.apache.lucene.analysis.ga.IrishLowerCaseFilter::new);
                case "turkish" -> filter(name, s, org.apache.lucene.analysis.tr.TurkishLowerCaseFilter::new);
                default -> throw new IllegalArgumentException("language [" + lang + "] not support for lower case");
            };
        });
        map.put("uppercase", (idx, env, name, s) -> filter(name, s, UpperCaseFilter::new));
        map.put("asciifolding", (idx, env, name, s) -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return filter(name, s, ts -> new ASCIIFoldingFilter(ts, preserve));
        });
        AnalysisProvider<TokenFilterFactory> ngram = (idx, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            checkNgramDiff(idx, min, max, "NGram Token Filter");
            return filter(name, s, ts -> new NGramTokenFilter(ts, min, max, preserve));
        };
        AnalysisProvider<TokenFilterFactory> edge = (idx, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            boolean back = "back".equalsIgnoreCase(s.get("side", "front"));
            return filter(name, s, ts -> {
                if (back == false) return new EdgeNGramTokenFilter(ts, min, max, preserve);
                TokenStream r = new org.apache.lucene.analysis.reverse.ReverseStringFilter(ts);
                r = new EdgeNGramTokenFilter(r, min, max, preserve);
                return new org.apache.lucene.analysis.reverse.ReverseStringFilter(r);
            });
        };
        map.put("ngram", ngram);
        map.put("nGram", ngram);
        map.put("edge_ngram", edge);
        map.put("edgeNGram", edge);
        map.put("stemmer", (idx, env, name, s) -> {
            String lang = s.get("language", s.get("name", "porter"));
            Function<TokenStream, TokenStream> f = STEMMERS.get(lang.toLowerCase(Locale.ROOT));
            if (f == null) throw new IllegalArgumentException("Unknown stemmer language [" + lang + "]");
            return filter(name, s, f);
        });
        map.put("snowball", (idx, env, name, s) -> {
            String lang = s.get("language", "English");
            String cls = lang.substring(0, 1).toUpperCase(Locale.ROOT) + lang.substring(1);
            try {
                Class.forName("org.tartarus.snowball.ext." + cls + "Stemmer");
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("Unknown snowball language [" + lang + "]");
            }
            return filter(name, s, ts -> new SnowballFilter(ts, cls));
        });
        map.put("porter_stem", simpleFilter("en.PorterStemFilter"));
        map.put("kstem", simpleFilter("en.KStemFilter"));
        map.put("elision", (idx, env, name, s) -> {
            CharArraySet articles = Analysis.parseArticles(env, s);
            if (articles == null) articles = org.apache.lucene.analysis.fr.FrenchAnalyzer.DEFAULT_ARTICLES;
            CharArraySet set = articles;
            return filter(name, s, ts -> new ElisionFilter(ts, set));
        });
        map.put("trim", (idx, env, name, s) -> filter(name, s, TrimFilter::new));
        map.put("truncate", (idx, env, name, s) -> {
            int length = s.getAsInt("length", 10);
            return filter(name, s, ts -> new TruncateTokenFilter(ts, length));
        });
        map.put("unique", (idx, env, name, s) -> filter(name, s, ts -> new org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter(ts)));
        map.put("length", (idx, env, name, s) -> {
            int min = s.getAsInt("min", 0);
            int max = s.getAsInt("max", Integer.MAX_VALUE);
            return filter(name, s, ts -> new LengthFilter(ts, min, max));
        });
        map.put("reverse", simpleFilter("reverse.ReverseStringFilter"));
        map.put("keyword_marker", (idx, env, name, s) -> {
            CharArraySet words = Analysis.getWordSet(env, s, "keywords");
            CharArraySet set = words == null ? CharArraySet.EMPTY_SET : words;
            return filter(name, s, ts -> new SetKeywordMarkerFilter(ts, set));
        });
        map.put("apostrophe", simpleFilter("tr.ApostropheFilter"));
        map.put("decimal_digit", simpleFilter("core.DecimalDigitFilter"));
        map.put("cjk_width", simpleFilter("cjk.CJKWidthFilter"));
        map.put("cjk_bigram", simpleFilter("cjk.CJKBigramFilter"));
        map.put("classic", simpleFilter("classic.ClassicFilter"));
        map.put("arabic_normalization", simpleFilter("ar.ArabicNormalizationFilter"));
        map.put("bengali_normalization", simpleFilter("bn.BengaliNormalizationFilter"));
        map.put("german_normalization", simpleFilter("de.GermanNormalizationFilter"));
        map.put("hindi_normalization", simpleFilter("hi.HindiNormalizationFilter"));
        map.put("indic_normalization", simpleFilter("in.IndicNormalizationFilter"));
        map.put("persian_normalization", simpleFilter("fa.PersianNormalizationFilter"));
        map.put("serbian_normalization", simpleFilter("sr.SerbianNormalizationFilter"));
        map.put("sorani_normalization", simpleFilter("ckb.SoraniNormalizationFilter"));
        map.put("scandinavian_folding", simpleFilter("miscellaneous.ScandinavianFoldingFilter"));
        map.put("scandinavian_normalization", simpleFilter("miscellaneous.ScandinavianNormalizationFilter"));
        map.put("word_delimiter_graph", (idx, env, name, s) -> filter(name, s, ts -> new WordDelimiterGraphFilter(ts,
            WordDelimiterGraphFilter.GENERATE_WORD_PARTS | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
                | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
                | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE, null)));
        return map;
    }

    // ------------------------------------------------------------------ GET / (the "rest-root" module)

    private ClusterService clusterService;

    @Override
    public java.util.Collection<?> createComponents(PluginServices services) {
        this.clusterService = services.clusterService();
        return List.of();
    }

    @Override
    public java.util.Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new BaseRestHandler() {
            @Override
            public String getName() {
                return "portal_main_action";
            }

            @Override
            public List<Route> routes() {
                return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
            }

            @Override
            protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
                return channel -> {
                    if (request.method() == RestRequest.Method.HEAD) {
                        channel.sendResponse(new RestResponse(RestStatus.OK, "application/json", ""));
                        return;
                    }
                    ClusterState state = clusterService.state();
                    org.elasticsearch.Build build = org.elasticsearch.Build.current();
                    XContentBuilder b = channel.newBuilder();
                    b.startObject();
                    b.field("name", clusterService.localNode().getName());
                    b.field("cluster_name", state.getClusterName().value());
                    b.field("cluster_uuid", state.metadata().clusterUUID());
                    b.startObject("version")
                        .field("number", org.elasticsearch.Version.CURRENT.toString())
                        .field("build_flavor", "default")
                        .field("build_type", "embedded")
                        .field("build_hash", build.hash())
                        .field("build_date", build.date())
                        .field("build_snapshot", false)
                        .field("lucene_version", IndexVersion.current().luceneVersion().toString())
                        .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                        .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                        .endObject();
                    b.field("tagline", "You Know, for Search");
                    b.endObject();
                    channel.sendResponse(new RestResponse(RestStatus.OK, b));
                };
            }
        });
    }
}
