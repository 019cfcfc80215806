/*
 * Parley's stand-in for the language part of Elasticsearch's analysis-common module.
 *
 * Elasticsearch 8 does not publish its modules (analysis-common, percolator, painless, ...) on
 * Maven Central, and the only distribution there (the integ-test zip) carries none of them. This
 * plugin registers the Lucene language analyzers that analysis-common exposes, under the same
 * names ("arabic", "indonesian", ...), plus a few common token filters, so index templates and
 * _analyze calls behave as on a full Elasticsearch. scripts/services.py compiles it with javac
 * against the server jars and installs it into the cached distribution; Docker mode does not need it.
 *
 * The same source builds against Elasticsearch 8.x (8.19: Lucene 9.12, Java 17+) and 9.x (Lucene 10,
 * Java 21+): it implements the AnalyzerProvider and TokenFilterFactory interfaces, whose methods are
 * the same in both, instead of extending AbstractIndexAnalyzerProvider/AbstractTokenFilterFactory,
 * whose (name, Settings) constructors 9.0 replaced by (name).
 *
 * "polish" is the analyzer of the analysis-stempel plugin (Lucene's lucene-analysis-stempel jar,
 * which scripts/services.py puts next to this plugin's jar when Maven Central has it for the
 * server's Lucene version). It is looked up by name, so the plugin compiles and loads without it.
 */
package org.parley.esanalysis;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.br.BrazilianAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerScope;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

public class LanguageAnalyzersPlugin extends Plugin implements AnalysisPlugin {

    private static final Map<String, Supplier<Analyzer>> ANALYZERS = new HashMap<>();
    private static final Map<String, Function<TokenStream, TokenStream>> FILTERS = new HashMap<>();

    static {
        ANALYZERS.put("arabic", ArabicAnalyzer::new);
        ANALYZERS.put("armenian", ArmenianAnalyzer::new);
        ANALYZERS.put("basque", BasqueAnalyzer::new);
        ANALYZERS.put("bengali", BengaliAnalyzer::new);
        ANALYZERS.put("brazilian", BrazilianAnalyzer::new);
        ANALYZERS.put("bulgarian", BulgarianAnalyzer::new);
        ANALYZERS.put("catalan", CatalanAnalyzer::new);
        ANALYZERS.put("cjk", CJKAnalyzer::new);
        ANALYZERS.put("czech", CzechAnalyzer::new);
        ANALYZERS.put("danish", DanishAnalyzer::new);
        ANALYZERS.put("dutch", DutchAnalyzer::new);
        ANALYZERS.put("english", EnglishAnalyzer::new);
        ANALYZERS.put("estonian", EstonianAnalyzer::new);
        ANALYZERS.put("finnish", FinnishAnalyzer::new);
        ANALYZERS.put("french", FrenchAnalyzer::new);
        ANALYZERS.put("galician", GalicianAnalyzer::new);
        ANALYZERS.put("german", GermanAnalyzer::new);
        ANALYZERS.put("greek", GreekAnalyzer::new);
        ANALYZERS.put("hindi", HindiAnalyzer::new);
        ANALYZERS.put("hungarian", HungarianAnalyzer::new);
        ANALYZERS.put("indonesian", IndonesianAnalyzer::new);
        ANALYZERS.put("irish", IrishAnalyzer::new);
        ANALYZERS.put("italian", ItalianAnalyzer::new);
        ANALYZERS.put("latvian", LatvianAnalyzer::new);
        ANALYZERS.put("lithuanian", LithuanianAnalyzer::new);
        ANALYZERS.put("norwegian", NorwegianAnalyzer::new);
        ANALYZERS.put("persian", PersianAnalyzer::new);
        ANALYZERS.put("portuguese", PortugueseAnalyzer::new);
        ANALYZERS.put("romanian", RomanianAnalyzer::new);
        ANALYZERS.put("russian", RussianAnalyzer::new);
        ANALYZERS.put("serbian", SerbianAnalyzer::new);
        ANALYZERS.put("sorani", SoraniAnalyzer::new);
        ANALYZERS.put("spanish", SpanishAnalyzer::new);
        ANALYZERS.put("swedish", SwedishAnalyzer::new);
        ANALYZERS.put("thai", ThaiAnalyzer::new);
        ANALYZERS.put("turkish", TurkishAnalyzer::new);
        Supplier<Analyzer> polish = optionalAnalyzer("org.apache.lucene.analysis.pl.PolishAnalyzer");
        if (polish != null) {
            ANALYZERS.put("polish", polish);
        }

        FILTERS.put("lowercase", LowerCaseFilter::new);
        FILTERS.put("asciifolding", ASCIIFoldingFilter::new);
        FILTERS.put("decimal_digit", DecimalDigitFilter::new);
        FILTERS.put("arabic_normalization", ArabicNormalizationFilter::new);
        FILTERS.put("persian_normalization", PersianNormalizationFilter::new);
        FILTERS.put("cjk_width", CJKWidthFilter::new);
        FILTERS.put("cjk_bigram", CJKBigramFilter::new);
    }

    /** A no-argument Analyzer class from a jar beside this plugin's, or null if it is not there. */
    private static Supplier<Analyzer> optionalAnalyzer(String className) {
        try {
            Class<?> cls = Class.forName(className, true, LanguageAnalyzersPlugin.class.getClassLoader());
            java.lang.reflect.Constructor<?> make = cls.getConstructor();
            return () -> {
                try {
                    return (Analyzer) make.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create " + className, e);
                }
            };
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> out = new HashMap<>();
        ANALYZERS.forEach((lang, make) -> out.put(lang, (indexSettings, env, name, settings) -> new Provider(name, make)));
        return out;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> out = new HashMap<>();
        FILTERS.forEach((filter, wrap) -> out.put(filter, (indexSettings, env, name, settings) -> new Filter(name, wrap)));
        return out;
    }

    private static final class Provider implements AnalyzerProvider<Analyzer> {
        private final String name;
        private final Analyzer analyzer;

        Provider(String name, Supplier<Analyzer> make) {
            this.name = name;
            this.analyzer = make.get();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public AnalyzerScope scope() {
            return AnalyzerScope.INDEX;
        }

        @Override
        public Analyzer get() {
            return analyzer;
        }
    }

    private static final class Filter implements TokenFilterFactory {
        private final String name;
        private final Function<TokenStream, TokenStream> wrap;

        Filter(String name, Function<TokenStream, TokenStream> wrap) {
            this.name = name;
            this.wrap = wrap;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public TokenStream create(TokenStream input) {
            return wrap.apply(input);
        }
    }
}
