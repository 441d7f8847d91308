// Every feature folder registers its views and strings on import: one line per feature.
import './dataset-overview/index';
import './grid/index';
import './import/index';
import './pivot/index';
import './crosstab/index';
import './segment/index';
import './charts/index';
import './segment-overview/index';
import './clean/index';
import './workflow/index';
import './metrics/index';
import './cluster/index';
import './report/index';
import './sql-export/index';
import './clv/index';
import './models/index';
