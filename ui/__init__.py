"""Streamlit + Plotly pieces shared by the pages: text table, theme, figures, live training."""
