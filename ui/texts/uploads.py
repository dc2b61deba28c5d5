"""User files (keys ``upload.*``): the messages of ``ui/uploads.py`` and its CSV control group.

Messages hold no Markdown of their own: every string parameter comes from the file and is escaped
(``ui.safe.user_text``), so a test can check that nothing in them renders as markup.
"""

EN = {
    # the CSV control group
    "upload.feature": "Column for x{i}",
    "upload.feature_help": "A numeric column of the file.",
    "upload.target": "Label / target column",
    "upload.target_help": "Class names or numbers (classification), or any numbers (regression).",
    "upload.task": "Treat the target as",
    "upload.task_help": "Auto: text or up to {limit} different whole numbers are classes, other numbers are a "
                        "regression target.",
    "upload.task_auto": "auto",
    "upload.task_classification": "classes",
    "upload.task_regression": "numbers",
    "upload.loaded_classes": "Using {name}: {n:,} rows, {d} input column(s), {k} classes in “{target}”.",
    "upload.loaded_numbers": "Using {name}: {n:,} rows, {d} input column(s), numbers in “{target}” (regression).",
    "upload.refused": "{name} was not used. {msg}",
    "upload.choice_refused": "That choice of columns was not applied. {msg}",
    "upload.kept": "Still using {name} as before.",
    "upload.need_numeric": "The file needs at least {n} numeric columns for the inputs.",
    # what the bytes are
    "upload.empty": "The file is empty.",
    "upload.too_big": "The file is {mb:.1f} MB; the limit is {limit:.0f} MB.",
    "upload.utf32": "The file is UTF-32 text, which this page does not read. Save it as “CSV UTF-8”.",
    "upload.utf16_no_bom": "The file looks like UTF-16 text without a byte-order mark, which this page cannot tell "
                           "apart from binary data. Save it as “CSV UTF-8”.",
    "upload.bad_utf16": "The file starts like UTF-16 text but is not valid UTF-16 (cut short or damaged?). "
                        "Save it again as “CSV UTF-8”.",
    "upload.not_utf8": "The file is not UTF-8 text: byte {byte} on line {line} is not valid UTF-8. It looks like "
                       "{guess}. Save it again as “CSV UTF-8” (Excel: File → Save As → CSV UTF-8).",
    "upload.binary": "This is not a text file (it contains binary bytes). Export your table as CSV first.",
    "upload.binary_format": "This is a {fmt} file, not a text table. Export your table as CSV first.",
    "upload.binary_image": "This is a {fmt} image, not a text table. Upload a CSV file here.",
    "upload.binary_workbook": "This is a spreadsheet workbook ({fmt}), not a CSV text file. In your spreadsheet "
                              "program, save the sheet as “CSV UTF-8”.",
    # the table
    "upload.unparsable": "The file could not be read as a table ({msg}). Use commas, semicolons or tabs between "
                         "values, and the same number of values on every line.",
    "upload.too_many_columns": "The file has {n:,} columns; the limit is {limit:,}.",
    "upload.unnamed_column": "Column {i} has no name in the header line (a separator too many at the end of a "
                             "line?). Give every column a name.",
    "upload.duplicate_columns": "Two columns are named “{col}”; give every column its own name.",
    "upload.too_many_rows": "The file has more than {limit:,} rows, too many for this page. Take a sample of at "
                            "most {limit:,} rows.",
    "upload.no_rows": "The file has a header but no data rows.",
    "upload.too_few_columns": "The file has {n} column(s); this page needs at least {need} (inputs, then a label).",
    "upload.too_few_rows": "The file has only {n} data row(s); this page needs at least {need}.",
    "upload.no_column": "There is no column named “{col}”.",
    "upload.same_column": "The same column is chosen twice as an input; choose different columns.",
    "upload.target_is_feature": "The label column “{col}” is also an input; choose a different one.",
    "upload.decimal_comma": "Column “{col}” writes numbers with a decimal comma (“{example}”, line {rows}). "
                            "Use a decimal point, or separate values with semicolons and decimals with points.",
    "upload.text_in_column": "Column “{col}” contains text in {n} row(s) (line {rows}); inputs must be numbers.",
    "upload.nan_in_column": "Column “{col}” has {n} empty, NaN or infinite value(s) (line {rows}). "
                            "Fill or remove those rows.",
    "upload.one_class": "Column “{col}” has only one class (“{value}”); a classifier needs at least two.",
    "upload.too_many_classes": "Column “{col}” has {n} different values; this page takes at most {limit} classes. "
                               "Is the label in the right column, or is it a numeric target?",
    "upload.rare_class": "Class “{value}” has only {n} row(s); this page needs at least {need} per class.",
    "upload.text_target": "Column “{col}” contains text in {n} row(s) (line {rows}); a regression target must be "
                          "numbers.",
    "upload.constant_target": "Column “{col}” has the same value in every row; there is nothing to predict.",
    # images
    "upload.not_image": "That file is not a PNG or JPEG image this page can read. Choose a PNG or JPEG picture.",
    "upload.too_many_pixels": "That image is {w}×{h} pixels; the limit is {limit:.0f} megapixels. "
                              "Shrink it and try again.",
    "upload.bomb": "That image claims so many pixels that decoding it could exhaust the server's memory "
                   "(a “decompression bomb”); it was not opened. The limit is {limit:.0f} megapixels.",
    "upload.broken": "That image could not be decoded ({why}); the file may be damaged or cut short.",
    "upload.blank": "That image looks blank: no ink found. Try a darker pen or the other ink colour.",
}

ZH = {
    "upload.feature": "x{i} 对应的列",
    "upload.feature_help": "文件中的一个数值列。",
    "upload.target": "标签 / 目标列",
    "upload.target_help": "类别名或编号（分类），或任意数值（回归）。",
    "upload.task": "把目标当作",
    "upload.task_help": "自动：文本或不超过 {limit} 个不同的整数视为类别，其他数值视为回归目标。",
    "upload.task_auto": "自动",
    "upload.task_classification": "类别",
    "upload.task_regression": "数值",
    "upload.loaded_classes": "正在使用 {name}：{n:,} 行，{d} 个输入列，“{target}”中有 {k} 个类别。",
    "upload.loaded_numbers": "正在使用 {name}：{n:,} 行，{d} 个输入列，“{target}”为数值（回归）。",
    "upload.refused": "没有使用 {name}。{msg}",
    "upload.choice_refused": "这次选择的列没有被采用。{msg}",
    "upload.kept": "仍在使用之前的 {name}。",
    "upload.need_numeric": "文件至少需要 {n} 个数值列作为输入。",
    "upload.empty": "文件是空的。",
    "upload.too_big": "文件大小为 {mb:.1f} MB；上限是 {limit:.0f} MB。",
    "upload.utf32": "文件是 UTF-32 文本，本页不读取这种编码。请另存为“CSV UTF-8”。",
    "upload.utf16_no_bom": "文件看起来是没有字节顺序标记（BOM）的 UTF-16 文本，本页无法把它与二进制数据区分开。"
                           "请另存为“CSV UTF-8”。",
    "upload.bad_utf16": "文件开头像 UTF-16 文本，但不是有效的 UTF-16（被截断或损坏？）。请重新另存为“CSV UTF-8”。",
    "upload.not_utf8": "文件不是 UTF-8 文本：第 {line} 行的字节 {byte} 不是有效的 UTF-8。它看起来是 {guess} 编码。"
                       "请重新另存为“CSV UTF-8”（Excel：文件 → 另存为 → CSV UTF-8）。",
    "upload.binary": "这不是文本文件（含有二进制字节）。请先把表格导出为 CSV。",
    "upload.binary_format": "这是一个 {fmt} 文件，不是文本表格。请先把表格导出为 CSV。",
    "upload.binary_image": "这是一张 {fmt} 图像，不是文本表格。这里请上传 CSV 文件。",
    "upload.binary_workbook": "这是一个电子表格工作簿（{fmt}），不是 CSV 文本文件。请在表格软件中把工作表另存为“CSV UTF-8”。",
    "upload.unparsable": "无法把文件读成表格（{msg}）。请在数值之间使用逗号、分号或制表符，并让每一行的数值个数相同。",
    "upload.too_many_columns": "文件有 {n:,} 列；上限是 {limit:,} 列。",
    "upload.unnamed_column": "表头中第 {i} 列没有名字（行末多了一个分隔符？）。请给每一列起名字。",
    "upload.duplicate_columns": "有两列都叫“{col}”；请给每一列起不同的名字。",
    "upload.too_many_rows": "文件超过 {limit:,} 行，本页处理不了这么多。请抽取最多 {limit:,} 行的样本。",
    "upload.no_rows": "文件有表头，但没有数据行。",
    "upload.too_few_columns": "文件只有 {n} 列；本页至少需要 {need} 列（先是输入，最后是标签）。",
    "upload.too_few_rows": "文件只有 {n} 行数据；本页至少需要 {need} 行。",
    "upload.no_column": "没有名为“{col}”的列。",
    "upload.same_column": "同一列被选作两个输入；请选择不同的列。",
    "upload.target_is_feature": "标签列“{col}”同时也是输入；请另选一列。",
    "upload.decimal_comma": "列“{col}”用小数逗号书写数字（“{example}”，第 {rows} 行）。请改用小数点，"
                            "或用分号分隔数值、用小数点表示小数。",
    "upload.text_in_column": "列“{col}”有 {n} 行含文本（第 {rows} 行）；输入必须是数值。",
    "upload.nan_in_column": "列“{col}”有 {n} 个空值、NaN 或无穷值（第 {rows} 行）。请填补或删除这些行。",
    "upload.one_class": "列“{col}”只有一个类别（“{value}”）；分类器至少需要两个。",
    "upload.too_many_classes": "列“{col}”有 {n} 个不同的值；本页最多接受 {limit} 个类别。标签是否在正确的列？"
                               "或者它其实是数值目标？",
    "upload.rare_class": "类别“{value}”只有 {n} 行；本页要求每个类别至少 {need} 行。",
    "upload.text_target": "列“{col}”有 {n} 行含文本（第 {rows} 行）；回归目标必须是数值。",
    "upload.constant_target": "列“{col}”每一行的值都相同；没有什么可预测的。",
    "upload.not_image": "这个文件不是本页能读取的 PNG 或 JPEG 图像。请选择一张 PNG 或 JPEG 图片。",
    "upload.too_many_pixels": "这张图像有 {w}×{h} 像素；上限是 {limit:.0f} 百万像素。请缩小后再试。",
    "upload.bomb": "这张图像声称的像素多到解码时可能耗尽服务器内存（“解压炸弹”）；因此没有打开它。"
                   "上限是 {limit:.0f} 百万像素。",
    "upload.broken": "无法解码这张图像（{why}）；文件可能已损坏或不完整。",
    "upload.blank": "这张图像看起来是空白的：没有找到墨迹。试试颜色更深的笔，或换另一种墨迹颜色。",
}
